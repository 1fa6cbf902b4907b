/**
 * The references a resource makes (a subset, a host, a gateway, a workload selector, a principal),
 * found under the cursor, and what each one resolves to. Definition, references and hover share this,
 * and every answer comes from the one Resolver, so navigation agrees with the checks.
 */
import type { Position } from 'vscode-languageserver-types';
import type { FileSnapshot } from '../documentStore';
import { nodeAtOffset } from '../yaml/cursor';
import type { PathSegment } from '../yaml/nodes';
import { destinations, gatewayRefs, subsetNames } from '../rules/workspace/refs';
import { entries, obj, str } from '../rules/shared/values';
import type { Resolver } from './resolver';
import type { Resource } from './summary';
import { kindKey, type WorkspaceIndex } from './workspaceIndex';

export type Ref =
  | { type: 'subset'; host: string; subset: string }
  | { type: 'host'; host: string }
  | { type: 'gateway'; ref: string }
  | { type: 'selector'; labels: Record<string, string>; namespace?: string; service?: Resource }
  | { type: 'principal'; principal: string };

/** A place in a resource: the resource and a path in its document. */
export interface Place {
  resource: Resource;
  path: PathSegment[];
}

/** A reference under the cursor: where it is written and what it says. */
export interface Site extends Place {
  ref: Ref;
}

export interface Resolved {
  /** `missing`: a source that holds every candidate says it is not there; `unknown`: nothing can tell. */
  status: 'found' | 'missing' | 'unknown';
  targets: Place[];
}

/** Kinds whose workload selector is `spec.selector.matchLabels`, and apply mesh-wide from the root namespace. */
const MATCH_LABELS = [
  'AuthorizationPolicy',
  'RequestAuthentication',
  'PeerAuthentication',
  'Telemetry',
  'WasmPlugin',
];
/** Kinds whose workload selector is `spec.workloadSelector.labels`. */
const WORKLOAD_SELECTOR = ['Sidecar', 'ServiceEntry', 'EnvoyFilter'];

export const same = (a: readonly PathSegment[], b: readonly PathSegment[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);
const startsWith = (path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean =>
  path.length >= prefix.length && prefix.every((x, i) => x === path[i]);

/** The indexed resource of the document under the cursor, and the AST node there (in the file's own parse). */
export function cursorAt(
  index: WorkspaceIndex,
  file: FileSnapshot,
  position: Position,
): { resource: Resource; hit: NonNullable<ReturnType<typeof nodeAtOffset>> } | undefined {
  const placed = file.documentAtLine(position.line);
  const id = placed?.state.id;
  if (!placed || !id) return undefined;
  const doc = file.documents.indexOf(placed);
  const resource = index
    .resources(kindKey(id.group, id.kind))
    .find((r) => r.uri === file.uri && r.doc === doc);
  if (!resource) return undefined;
  const parsed = placed.state.parsed;
  const offset = parsed.lines.offset({
    line: position.line - placed.chunk.line,
    character: position.character,
  });
  const hit = nodeAtOffset(parsed.doc.contents, offset);
  return hit ? { resource, hit } : undefined;
}

/** The indexed resource and the AST path under the cursor. */
export function placeAt(index: WorkspaceIndex, file: FileSnapshot, position: Position): Place | undefined {
  const at = cursorAt(index, file, position);
  return at ? { resource: at.resource, path: at.hit.path } : undefined;
}

function stringMap(v: unknown): Record<string, string> | undefined {
  const m = obj(v);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of entries(m)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** The value at a path of a resource (`spec…` only: the summary keeps the spec). */
function specValue(r: Resource, path: readonly PathSegment[]): unknown {
  if (path[0] !== 'spec') return undefined;
  let v: unknown = r.spec;
  for (const seg of path.slice(1)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** Where a resource's workload selector is, and which namespace it selects in (undefined: the mesh). */
export function selectorSite(
  r: Pick<Resource, 'group' | 'kind' | 'namespace'>,
  rootNamespace: string,
): { path: PathSegment[]; namespace?: string } | undefined {
  if (r.group === 'networking.istio.io' && r.kind === 'Gateway') return { path: ['spec', 'selector'] };
  if (MATCH_LABELS.includes(r.kind))
    return {
      path: ['spec', 'selector', 'matchLabels'],
      namespace: r.namespace === rootNamespace ? undefined : r.namespace,
    };
  if (WORKLOAD_SELECTOR.includes(r.kind))
    return {
      path: ['spec', 'workloadSelector', 'labels'],
      namespace: r.kind === 'EnvoyFilter' && r.namespace === rootNamespace ? undefined : r.namespace,
    };
  return undefined;
}

/** The Service a DestinationRule's host names, when it is one Service in the workspace. */
export function serviceOfDestinationRule(r: Resolver, dr: Resource): Resource | undefined {
  const host = r.drHost(dr);
  if (!host) return undefined;
  const found = r.services(host, dr.namespace);
  return found.status === 'found' ? found.targets.find((t) => t.kind === 'Service') : undefined;
}

/** What the value at a path of a resource refers to, if anything. */
export function classify(r: Resolver, place: Place): Site | undefined {
  const { resource, path } = place;
  const site = (ref: Ref, at: PathSegment[] = path): Site => ({ resource, path: at, ref });
  if (resource.kind === 'VirtualService') {
    for (const d of destinations(resource)) {
      if (d.subset && same(path, [...d.path, 'subset']))
        return site({ type: 'subset', host: d.host, subset: d.subset });
      if (same(path, [...d.path, 'host'])) return site({ type: 'host', host: d.host });
    }
    if (path.length === 3 && path[0] === 'spec' && path[1] === 'hosts' && typeof path[2] === 'number') {
      const h = specValue(resource, path);
      return typeof h === 'string' && h !== '*' ? site({ type: 'host', host: h }) : undefined;
    }
    for (const g of gatewayRefs(resource))
      if (same(path, g.path)) return g.ref === 'mesh' ? undefined : site({ type: 'gateway', ref: g.ref });
    return undefined;
  }
  if (resource.kind === 'DestinationRule') {
    if (same(path, ['spec', 'host'])) {
      const h = str(resource.spec?.host);
      return h ? site({ type: 'host', host: h }) : undefined;
    }
    if (path[1] === 'subsets' && typeof path[2] === 'number' && path[3] === 'labels') {
      const at = path.slice(0, 4);
      const svc = serviceOfDestinationRule(r, resource);
      const labels = stringMap(specValue(resource, at));
      if (!svc?.service?.selector || !Object.keys(svc.service.selector).length || !labels) return undefined;
      return site(
        {
          type: 'selector',
          labels: { ...svc.service.selector, ...labels },
          namespace: svc.namespace,
          service: svc,
        },
        at,
      );
    }
    return undefined;
  }
  if (resource.kind === 'AuthorizationPolicy') {
    const [spec, rules, i, from, j, source, field, k] = path;
    if (
      spec === 'spec' &&
      rules === 'rules' &&
      from === 'from' &&
      source === 'source' &&
      (field === 'principals' || field === 'notPrincipals') &&
      typeof i === 'number' &&
      typeof j === 'number' &&
      typeof k === 'number'
    ) {
      const p = specValue(resource, path);
      // A wildcard, or a principal of another trust domain, names no one ServiceAccount here.
      return typeof p === 'string' && parsePrincipal(r, p)
        ? site({ type: 'principal', principal: p })
        : undefined;
    }
  }
  const sel = selectorSite(resource, r.mesh.rootNamespace);
  if (sel && startsWith(path, sel.path)) {
    const labels = stringMap(specValue(resource, sel.path));
    if (!labels || !Object.keys(labels).length) return undefined;
    return site({ type: 'selector', labels, namespace: sel.namespace }, sel.path);
  }
  return undefined;
}

/** The reference under the cursor, if there is one. */
export function siteAt(
  index: WorkspaceIndex,
  r: Resolver,
  file: FileSnapshot,
  position: Position,
): Site | undefined {
  const place = placeAt(index, file, position);
  return place ? classify(r, place) : undefined;
}

const NAME: PathSegment[] = ['metadata', 'name'];

/** A principal `<trust domain>/ns/<namespace>/sa/<account>` without wildcards, split. */
export function parsePrincipal(r: Resolver, p: string): { namespace: string; account: string } | undefined {
  if (p.includes('*')) return undefined;
  const m = /^([^/]+)\/ns\/([^/]+)\/sa\/([^/]+)$/.exec(p);
  if (!m || (m[1] !== r.mesh.trustDomain && m[1] !== 'cluster.local')) return undefined;
  return { namespace: m[2], account: m[3] };
}

/** The workloads that run as a ServiceAccount (no serviceAccountName means `default`). */
export function workloadsRunningAs(r: Resolver, namespace: string, account: string): Resource[] {
  const all = r.workloads(namespace, {});
  if (all.status !== 'found') return [];
  return all.targets.filter((w) => (w.workload?.serviceAccountName || 'default') === account);
}

/** The subset entries of the DestinationRule Istio applies to a VirtualService's destination. */
function subsetTargets(r: Resolver, vs: Resource, host: string, subset: string): Resolved {
  const chosen = r.destinationRule(r.fqdn(host, vs.namespace), vs.namespace);
  if (!chosen) return { status: r.destinationRulesComplete() ? 'missing' : 'unknown', targets: [] };
  const targets = chosen.rules.flatMap((dr) =>
    subsetNames(dr)
      .filter((s) => s.name === subset)
      .map((s) => ({ resource: dr, path: ['spec', 'subsets', s.index, 'name'] })),
  );
  return { status: targets.length ? 'found' : 'missing', targets };
}

/**
 * What a reference resolves to. A host gives its Services and ServiceEntries, then (from a
 * VirtualService) the DestinationRule that applies to it; a selector its workloads; a principal its
 * ServiceAccount.
 */
export function resolveSite(r: Resolver, site: Site): Resolved {
  const { resource, ref } = site;
  const names = (l: { status: string; targets?: Resource[] }): Resolved =>
    l.status === 'found'
      ? { status: 'found', targets: (l.targets ?? []).map((t) => ({ resource: t, path: NAME })) }
      : { status: l.status === 'missing' ? 'missing' : 'unknown', targets: [] };
  switch (ref.type) {
    case 'subset':
      return subsetTargets(r, resource, ref.host, ref.subset);
    case 'host': {
      const host = r.fqdn(ref.host, resource.namespace);
      const out = names(r.services(host, resource.namespace));
      if (resource.kind === 'VirtualService') {
        const dr = r.destinationRule(host, resource.namespace);
        for (const t of dr?.rules ?? []) out.targets.push({ resource: t, path: ['spec', 'host'] });
      }
      return out;
    }
    case 'gateway':
      return names(r.gateway(ref.ref, resource.namespace).lookup);
    case 'selector':
      return names(r.workloads(ref.namespace, ref.labels));
    case 'principal': {
      const p = parsePrincipal(r, ref.principal);
      return p ? names(r.serviceAccount(p.namespace, p.account)) : { status: 'unknown', targets: [] };
    }
  }
}
