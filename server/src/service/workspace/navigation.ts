/**
 * Go to definition and find references across files. Both ask the one resolver (through
 * referenceSites.ts), so navigation agrees with the checks: a subset goes to the subset entry of the
 * DestinationRule Istio would apply, a gateway to the Gateway, a host to its Service, ServiceEntry and
 * DestinationRule, a selector to the workloads it matches, a principal to its ServiceAccount.
 */
import type { Location, Position } from 'vscode-languageserver-types';
import type { FileSnapshot } from '../documentStore';
import { destinations, gatewayRefs } from '../rules/workspace/refs';
import { targetRefsOf } from '../rules/shared/targetRefs';
import { list, obj, str } from '../rules/shared/values';
import { placeRange } from './crossChecks';
import { parsePrincipal, placeAt, resolveSite, same, siteAt, type Place, type Site } from './referenceSites';
import type { Resolver } from './resolver';
import type { Resource } from './summary';
import type { WorkspaceIndex } from './workspaceIndex';

/** Bound on the locations one request returns. */
const MAX_LOCATIONS = 1000;

function location(p: Place): Location | undefined {
  const range = placeRange(p.resource, p.path, 'value');
  return range ? { uri: p.resource.uri, range } : undefined;
}

function locations(places: Place[]): Location[] {
  const out: Location[] = [];
  const seen = new Set<string>();
  for (const p of places) {
    const l = location(p);
    if (!l) continue;
    const key = `${l.uri}|${l.range.start.line}:${l.range.start.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(l);
    if (out.length >= MAX_LOCATIONS) break;
  }
  return out;
}

const isSame = (a: Resource, b: Resource): boolean => a === b || (a.uri === b.uri && a.doc === b.doc);

export function definition(
  index: WorkspaceIndex,
  r: Resolver,
  file: FileSnapshot,
  position: Position,
): Location[] {
  const site = siteAt(index, r, file, position);
  return site ? locations(resolveSite(r, site).targets) : [];
}

/** Policies whose targetRef(s) name a Service. */
const TARGETING_KINDS = ['AuthorizationPolicy', 'RequestAuthentication', 'Telemetry', 'WasmPlugin'];

export function references(
  index: WorkspaceIndex,
  r: Resolver,
  file: FileSnapshot,
  position: Position,
): Location[] {
  const here = placeAt(index, file, position);
  if (!here) return [];
  const { resource, path } = here;
  const out: Place[] = [];
  if (
    resource.kind === 'DestinationRule' &&
    path[0] === 'spec' &&
    path[1] === 'subsets' &&
    typeof path[2] === 'number'
  ) {
    const name = str(obj(list(resource.spec?.subsets)[path[2]])?.name);
    if (!name) return [];
    for (const vs of index.resources('VirtualService'))
      for (const d of destinations(vs)) {
        if (d.subset !== name) continue;
        const site: Site = {
          resource: vs,
          path: [...d.path, 'subset'],
          ref: { type: 'subset', host: d.host, subset: name },
        };
        if (resolveSite(r, site).targets.some((t) => isSame(t.resource, resource)))
          out.push({ resource: vs, path: site.path });
      }
  } else if (resource.kind === 'Gateway' && same(path, ['metadata', 'name'])) {
    for (const vs of index.resources('VirtualService'))
      for (const g of gatewayRefs(vs)) {
        const { lookup } = r.gateway(g.ref, vs.namespace);
        if (lookup.status === 'found' && lookup.targets.some((t) => isSame(t, resource)))
          out.push({ resource: vs, path: g.path });
      }
  } else if (resource.kind === 'Service' && same(path, ['metadata', 'name'])) {
    out.push(...serviceReferences(index, r, resource));
  } else if (resource.kind === 'ServiceAccount' && same(path, ['metadata', 'name'])) {
    out.push(...principalReferences(index, r, resource));
  }
  return locations(out);
}

/** Every VirtualService, DestinationRule and policy that targets a Service. */
function serviceReferences(index: WorkspaceIndex, r: Resolver, svc: Resource): Place[] {
  const host = `${svc.name}.${svc.namespace}.svc.${r.domain}`;
  const out: Place[] = [];
  for (const vs of index.resources('VirtualService')) {
    list(vs.spec?.hosts).forEach((h, i) => {
      if (typeof h === 'string' && r.fqdn(h, vs.namespace) === host)
        out.push({ resource: vs, path: ['spec', 'hosts', i] });
    });
    for (const d of destinations(vs))
      if (r.fqdn(d.host, vs.namespace) === host) out.push({ resource: vs, path: [...d.path, 'host'] });
  }
  for (const dr of index.resources('DestinationRule'))
    if (r.drHost(dr) === host) out.push({ resource: dr, path: ['spec', 'host'] });
  for (const kind of TARGETING_KINDS)
    for (const p of index.resources(kind))
      for (const t of targetRefsOf({ spec: p.spec })) {
        const group = t.ref.group ?? '';
        if (t.ref.kind !== 'Service' || (group !== '' && group !== 'core')) continue;
        const ns = typeof t.ref.namespace === 'string' && t.ref.namespace ? t.ref.namespace : p.namespace;
        if (t.ref.name === svc.name && ns === svc.namespace)
          out.push({ resource: p, path: [...t.path, 'name'] });
      }
  return out;
}

/** Every AuthorizationPolicy principal that names a ServiceAccount. */
function principalReferences(index: WorkspaceIndex, r: Resolver, sa: Resource): Place[] {
  const out: Place[] = [];
  for (const ap of index.resources('AuthorizationPolicy'))
    list(ap.spec?.rules).forEach((rule, i) =>
      list(obj(rule)?.from).forEach((from, j) => {
        const source = obj(obj(from)?.source);
        for (const field of ['principals', 'notPrincipals'])
          list(source?.[field]).forEach((p, k) => {
            const named = typeof p === 'string' ? parsePrincipal(r, p) : undefined;
            if (named?.namespace === sa.namespace && named.account === sa.name)
              out.push({ resource: ap, path: ['spec', 'rules', i, 'from', j, 'source', field, k] });
          });
      }),
    );
  return out;
}
