/** Walks the parts of a VirtualService spec that Istio's validation looks at. */
import type { PathSegment } from '../../yaml/nodes';
import type { RuleContext } from '../rule';
import { isObj, list, obj, str, type Obj } from './values';

export interface Item {
  value: Obj;
  path: PathSegment[];
  index: number;
}

export const specOf = (ctx: RuleContext): Obj | undefined => obj(ctx.value.spec);

/** The map entries of a list under `parent` (null or odd entries are skipped: the schema reports them). */
export function itemsOf(parent: Obj | undefined, key: string, path: PathSegment[]): Item[] {
  const out: Item[] = [];
  list(parent?.[key]).forEach((v, index) => {
    if (isObj(v)) out.push({ value: v, path: [...path, key, index], index });
  });
  return out;
}

/** spec.http, spec.tls or spec.tcp routes. */
export const routesOf = (spec: Obj | undefined, kind: 'http' | 'tls' | 'tcp'): Item[] =>
  itemsOf(spec, kind, ['spec']);

/** The `match` entries of a route. */
export const matchesOf = (route: Item): Item[] => itemsOf(route.value, 'match', route.path);

/** A VirtualService without hosts is a delegate. */
export const isDelegateVs = (spec: Obj | undefined): boolean => list(spec?.hosts).length === 0;

export const gatewaysOf = (spec: Obj | undefined): unknown[] => list(spec?.gateways);

/** Bound to gateways only: gateways are listed and none of them is `mesh`. */
export function appliesToGateway(spec: Obj | undefined): boolean {
  const gws = gatewaysOf(spec);
  return gws.length > 0 && !gws.includes('mesh');
}

/** Istio's isGateway(): true unless `mesh` is listed (also true when no gateways are listed). */
export const noMeshGateway = (spec: Obj | undefined): boolean => !gatewaysOf(spec).includes('mesh');

/** Some TLS route matches on SNI hosts. */
export function hasSniHosts(spec: Obj | undefined): boolean {
  return routesOf(spec, 'tls').some((r) => matchesOf(r).some((m) => list(m.value.sniHosts).length > 0));
}

export interface Destination {
  value: Obj;
  /** Path of the destination map. */
  path: PathSegment[];
}

/** Every destination: http route/mirror/mirrors, tls and tcp route destinations. */
export function destinationsOf(spec: Obj | undefined): Destination[] {
  const out: Destination[] = [];
  const add = (v: unknown, path: PathSegment[]): void => {
    if (isObj(v)) out.push({ value: v, path });
  };
  for (const kind of ['http', 'tls', 'tcp'] as const) {
    for (const r of routesOf(spec, kind)) {
      for (const d of itemsOf(r.value, 'route', r.path)) add(d.value.destination, [...d.path, 'destination']);
      if (kind !== 'http') continue;
      add(r.value.mirror, [...r.path, 'mirror']);
      for (const m of itemsOf(r.value, 'mirrors', r.path))
        add(m.value.destination, [...m.path, 'destination']);
    }
  }
  return out;
}

/** Header manipulation blocks: http[].headers and http[].route[].headers. */
export function headerBlocksOf(spec: Obj | undefined): { value: Obj; path: PathSegment[] }[] {
  const out: { value: Obj; path: PathSegment[] }[] = [];
  for (const r of routesOf(spec, 'http')) {
    const h = obj(r.value.headers);
    if (h) out.push({ value: h, path: [...r.path, 'headers'] });
    for (const d of itemsOf(r.value, 'route', r.path)) {
      const dh = obj(d.value.headers);
      if (dh) out.push({ value: dh, path: [...d.path, 'headers'] });
    }
  }
  return out;
}

export interface StringMatchAt {
  value: Obj;
  path: PathSegment[];
  /** Which match field: uri, scheme, method, authority, headers, queryParams or withoutHeaders. */
  where: string;
}

/** The StringMatch maps of one HTTP match. */
export function stringMatchesOf(match: Item): StringMatchAt[] {
  const out: StringMatchAt[] = [];
  for (const where of ['uri', 'scheme', 'method', 'authority']) {
    const sm = obj(match.value[where]);
    if (sm) out.push({ value: sm, path: [...match.path, where], where });
  }
  for (const where of ['headers', 'queryParams', 'withoutHeaders']) {
    for (const [name, sm] of Object.entries(obj(match.value[where]) ?? {})) {
      if (isObj(sm)) out.push({ value: sm, path: [...match.path, where, name], where });
    }
  }
  return out;
}

/** The name Istio uses for a rule in reachability messages: "name" or #index. */
export function ruleName(route: Item): string {
  const name = str(route.value.name);
  return name ? JSON.stringify(name) : `#${route.index}`;
}

/** The name of a match: "name" (HTTP only) or #index. */
export function matchName(match: Item, http: boolean): string {
  const name = http ? str(match.value.name) : undefined;
  return name ? JSON.stringify(name) : `#${match.index}`;
}

/** The string hosts of spec.hosts with their index. */
export function hostsOf(spec: Obj | undefined): { host: string; index: number }[] {
  const out: { host: string; index: number }[] = [];
  list(spec?.hosts).forEach((h, index) => {
    if (typeof h === 'string') out.push({ host: h, index });
  });
  return out;
}

/** The `fault` map of each HTTP route, with its path. */
export function faultsOf(spec: Obj | undefined): { value: Obj; path: PathSegment[] }[] {
  const out: { value: Obj; path: PathSegment[] }[] = [];
  for (const r of routesOf(spec, 'http')) {
    const f = obj(r.value.fault);
    if (f) out.push({ value: f, path: [...r.path, 'fault'] });
  }
  return out;
}

/** Size in bytes of a directResponse body (`string` as UTF-8, `bytes` decoded from base64). */
export function directResponseBodySize(body: Obj): { size: number; field: 'string' | 'bytes' } | undefined {
  if (typeof body.string === 'string')
    return { size: Buffer.byteLength(body.string, 'utf8'), field: 'string' };
  if (typeof body.bytes === 'string')
    return { size: Buffer.from(body.bytes, 'base64').length, field: 'bytes' };
  return undefined;
}
