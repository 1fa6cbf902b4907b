/**
 * Go to definition and find references across files. Both ask the one resolver, so navigation
 * agrees with the checks: a subset goes to the subset entry of the DestinationRule Istio would
 * apply, a gateway to the Gateway, a host to its Service, ServiceEntry and DestinationRule.
 */
import type { Location, Position } from 'vscode-languageserver-types';
import type { FileSnapshot } from '../documentStore';
import { nodeAtOffset } from '../yaml/cursor';
import type { PathSegment } from '../yaml/nodes';
import { destinations, gatewayRefs, subsetNames } from '../rules/workspace/refs';
import { obj, str } from '../rules/shared/values';
import { placeRange } from './crossChecks';
import type { Resolver } from './resolver';
import type { Resource } from './summary';
import type { WorkspaceIndex } from './workspaceIndex';

interface Place {
  resource: Resource;
  path: PathSegment[];
}

/** The indexed resource and the path under the cursor. */
function at(index: WorkspaceIndex, file: FileSnapshot, position: Position): Place | undefined {
  const placed = file.documentAtLine(position.line);
  if (!placed) return undefined;
  const doc = file.documents.indexOf(placed);
  const id = placed.state.id;
  if (!id) return undefined;
  const kind = id.group === 'gateway.networking.k8s.io' ? `${id.group}/${id.kind}` : id.kind;
  const resource = index.resources(kind).find((r) => r.uri === file.uri && r.doc === doc);
  if (!resource) return undefined;
  const parsed = placed.state.parsed;
  const offset = parsed.lines.offset({
    line: position.line - placed.chunk.line,
    character: position.character,
  });
  const hit = nodeAtOffset(parsed.doc.contents, offset);
  return hit ? { resource, path: hit.path } : undefined;
}

function location(p: Place): Location | undefined {
  const range = placeRange(p.resource, p.path, 'value');
  return range ? { uri: p.resource.uri, range } : undefined;
}

const same = (a: PathSegment[], b: PathSegment[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** The DestinationRule subset entries a VirtualService destination's subset refers to. */
function subsetTargets(r: Resolver, vs: Resource, host: string, subset: string): Place[] {
  const chosen = r.destinationRule(r.fqdn(host, vs.namespace), vs.namespace);
  return (chosen?.rules ?? []).flatMap((dr) =>
    subsetNames(dr)
      .filter((s) => s.name === subset)
      .map((s) => ({ resource: dr, path: ['spec', 'subsets', s.index, 'name'] })),
  );
}

export function definition(
  index: WorkspaceIndex,
  r: Resolver,
  file: FileSnapshot,
  position: Position,
): Location[] {
  const here = at(index, file, position);
  if (!here) return [];
  const { resource, path } = here;
  const out: Place[] = [];
  if (resource.kind === 'VirtualService') {
    for (const d of destinations(resource)) {
      if (d.subset && same(path, [...d.path, 'subset']))
        out.push(...subsetTargets(r, resource, d.host, d.subset));
      if (same(path, [...d.path, 'host'])) {
        const host = r.fqdn(d.host, resource.namespace);
        const svc = r.services(host, resource.namespace);
        if (svc.status === 'found')
          out.push(...svc.targets.map((t) => ({ resource: t, path: ['metadata', 'name'] })));
        const dr = r.destinationRule(host, resource.namespace);
        if (dr) out.push(...dr.rules.map((t) => ({ resource: t, path: ['spec', 'host'] })));
      }
    }
    for (const g of gatewayRefs(resource)) {
      if (!same(path, g.path)) continue;
      const { lookup } = r.gateway(g.ref, resource.namespace);
      if (lookup.status === 'found')
        out.push(...lookup.targets.map((t) => ({ resource: t, path: ['metadata', 'name'] })));
    }
  } else if (resource.kind === 'DestinationRule' && same(path, ['spec', 'host'])) {
    const h = str(resource.spec?.host);
    const svc = h ? r.services(r.fqdn(h, resource.namespace), resource.namespace) : undefined;
    if (svc?.status === 'found')
      out.push(...svc.targets.map((t) => ({ resource: t, path: ['metadata', 'name'] })));
  }
  return out.flatMap((p) => location(p) ?? []);
}

export function references(
  index: WorkspaceIndex,
  r: Resolver,
  file: FileSnapshot,
  position: Position,
): Location[] {
  const here = at(index, file, position);
  if (!here) return [];
  const { resource, path } = here;
  const out: Place[] = [];
  if (
    resource.kind === 'DestinationRule' &&
    path[0] === 'spec' &&
    path[1] === 'subsets' &&
    typeof path[2] === 'number'
  ) {
    const name = str(obj((resource.spec?.subsets as unknown[] | undefined)?.[path[2]])?.name);
    if (!name) return [];
    for (const vs of index.resources('VirtualService'))
      for (const d of destinations(vs))
        if (
          d.subset === name &&
          subsetTargets(r, vs, d.host, name).some(
            (t) =>
              t.resource === resource || (t.resource.uri === resource.uri && t.resource.doc === resource.doc),
          )
        )
          out.push({ resource: vs, path: [...d.path, 'subset'] });
  } else if (resource.kind === 'Gateway' && same(path, ['metadata', 'name'])) {
    for (const vs of index.resources('VirtualService'))
      for (const g of gatewayRefs(vs)) {
        const { lookup } = r.gateway(g.ref, vs.namespace);
        if (
          lookup.status === 'found' &&
          lookup.targets.some((t) => t.uri === resource.uri && t.doc === resource.doc)
        )
          out.push({ resource: vs, path: g.path });
      }
  } else if (resource.kind === 'Service' && same(path, ['metadata', 'name'])) {
    const host = `${resource.name}.${resource.namespace}.svc.${r.domain}`;
    for (const vs of index.resources('VirtualService'))
      for (const d of destinations(vs))
        if (r.fqdn(d.host, vs.namespace) === host) out.push({ resource: vs, path: [...d.path, 'host'] });
    for (const dr of index.resources('DestinationRule'))
      if (r.drHost(dr) === host) out.push({ resource: dr, path: ['spec', 'host'] });
  }
  return out.flatMap((p) => location(p) ?? []);
}

/** Subset names offered after `subset:` in a VirtualService destination. */
export function subsetCompletions(
  index: WorkspaceIndex,
  r: Resolver,
  file: FileSnapshot,
  position: Position,
): { name: string; from: string }[] {
  const placed = file.documentAtLine(position.line);
  if (!placed) return [];
  const line = file.text.split('\n')[position.line] ?? '';
  if (!/^\s*(-\s+)?subset:\s*\S*$/.test(line.slice(0, position.character))) return [];
  const doc = file.documents.indexOf(placed);
  const vs = index.resources('VirtualService').find((v) => v.uri === file.uri && v.doc === doc);
  if (!vs) return [];
  // The destination whose block holds the cursor: the nearest `host:` above it at the same indent.
  const lines = file.text.split('\n');
  const indent = /^\s*/.exec(line)?.[0].length ?? 0;
  let host: string | undefined;
  for (let l = position.line; l >= placed.chunk.line && l >= position.line - 20; l--) {
    const m = /^(\s*)(?:-\s+)?host:\s*["']?([^"'\s#]+)/.exec(lines[l]);
    if (m && (m[1].length === indent || m[0].indexOf('host') === indent)) {
      host = m[2];
      break;
    }
  }
  if (!host) return [];
  const chosen = r.destinationRule(r.fqdn(host, vs.namespace), vs.namespace);
  return (chosen?.rules ?? []).flatMap((dr) =>
    subsetNames(dr).map((s) => ({ name: s.name, from: `DestinationRule ${dr.namespace}/${dr.name}` })),
  );
}
