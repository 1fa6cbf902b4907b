/**
 * Finds the weighted routes of VirtualServices in a YAML text and computes the edits that set their
 * weights, keeping everything else (comments, order, formatting) untouched. Pure; no `vscode` import.
 */
import { isMap, isScalar, isSeq, parseAllDocuments, type Pair, type YAMLMap } from 'yaml';

export type RouteSection = 'http' | 'tcp' | 'tls';
export const ROUTE_SECTIONS: readonly RouteSection[] = ['http', 'tcp', 'tls'];

/** Identifies one route: document number in the file, section, and index in that section. */
export interface RouteRef {
  doc: number;
  section: RouteSection;
  index: number;
}

export interface Destination {
  /** `host`, or `host:subset`, for people to read. */
  label: string;
  host: string;
  subset?: string;
  /** The weight as written; undefined when the key is missing. */
  weight: number | undefined;
}

export interface WeightedRoute {
  ref: RouteRef;
  /** The VirtualService's metadata.name (may be empty). */
  virtualService: string;
  namespace?: string;
  /** The route's own `name`, if it has one. */
  name?: string;
  destinations: Destination[];
  /** Offsets of the http/tcp/tls list item. */
  start: number;
  end: number;
}

export interface OffsetEdit {
  offset: number;
  length: number;
  newText: string;
}

function isVirtualService(root: YAMLMap): boolean {
  const apiVersion = root.get('apiVersion');
  return (
    root.get('kind') === 'VirtualService' &&
    typeof apiVersion === 'string' &&
    apiVersion.startsWith('networking.istio.io/')
  );
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function readWeight(item: YAMLMap): number | undefined {
  const w = item.get('weight');
  if (typeof w === 'number') return w;
  if (typeof w === 'string' && /^\d+$/.test(w)) return Number(w);
  return undefined;
}

interface RawRoute {
  route: WeightedRoute;
  items: YAMLMap[];
}

function collect(text: string): RawRoute[] {
  const out: RawRoute[] = [];
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return out;
  docs.forEach((doc, docIndex) => {
    const root = doc.contents;
    if (!isMap(root) || !isVirtualService(root)) return;
    const spec = root.get('spec', true);
    if (!isMap(spec)) return;
    const meta = root.get('metadata', true);
    const vsName = isMap(meta) ? (str(meta.get('name')) ?? '') : '';
    const namespace = isMap(meta) ? str(meta.get('namespace')) : undefined;
    for (const section of ROUTE_SECTIONS) {
      const list = spec.get(section, true);
      if (!isSeq(list)) continue;
      list.items.forEach((entry, index) => {
        if (!isMap(entry) || !entry.range) return;
        const routeList = entry.get('route', true);
        if (!isSeq(routeList)) return;
        const items = routeList.items.filter((i): i is YAMLMap => isMap(i));
        if (items.length !== routeList.items.length) return;
        const destinations = items.map((item): Destination => {
          const d = item.get('destination', true);
          const host = isMap(d) ? (str(d.get('host')) ?? '?') : '?';
          const subset = isMap(d) ? str(d.get('subset')) : undefined;
          return { host, subset, label: subset ? `${host}:${subset}` : host, weight: readWeight(item) };
        });
        out.push({
          route: {
            ref: { doc: docIndex, section, index },
            virtualService: vsName,
            namespace,
            name: str(entry.get('name')),
            destinations,
            start: entry.range[0],
            end: entry.range[1],
          },
          items,
        });
      });
    }
  });
  return out;
}

/** Every VirtualService route with two or more destinations: the ones whose traffic can be split. */
export function findWeightedRoutes(text: string): WeightedRoute[] {
  return collect(text)
    .map((r) => r.route)
    .filter((r) => r.destinations.length >= 2);
}

export function sameRef(a: RouteRef, b: RouteRef): boolean {
  return a.doc === b.doc && a.section === b.section && a.index === b.index;
}

/** The route whose list item contains `offset`. */
export function routeAt(routes: readonly WeightedRoute[], offset: number): WeightedRoute | undefined {
  return routes.find((r) => offset >= r.start && offset <= r.end);
}

/** A short description: `reviews http[0]` (or the route's name). */
export function describeRoute(r: WeightedRoute): string {
  const which = r.name ? `route "${r.name}"` : `${r.ref.section}[${r.ref.index}]`;
  return `${r.virtualService || 'VirtualService'} ${which}`;
}

/**
 * The edits that give the destinations of route `ref` the new `weights` (in order). An existing
 * `weight` value is replaced in place; a missing one is added as the item's last key, with the item's
 * indentation. Throws when the route is gone or the number of weights does not match.
 */
export function weightEdits(text: string, ref: RouteRef, weights: readonly number[]): OffsetEdit[] {
  const raw = collect(text).find((r) => sameRef(r.route.ref, ref));
  if (!raw) throw new Error(`the route ${ref.section}[${ref.index}] is no longer in the document`);
  if (raw.items.length !== weights.length) {
    throw new Error(
      `the route has ${raw.items.length} destinations, but ${weights.length} weights were given`,
    );
  }
  const edits: OffsetEdit[] = [];
  raw.items.forEach((item, i) => {
    const w = String(weights[i]);
    const pair = item.items.find((p: Pair) => isScalar(p.key) && p.key.value === 'weight');
    if (pair && isScalar(pair.value) && pair.value.range) {
      const [s, e] = pair.value.range;
      if (text.slice(s, e) !== w) edits.push({ offset: s, length: e - s, newText: w });
      return;
    }
    if (pair) throw new Error('a weight is not a plain number; edit it by hand');
    if (!item.range) throw new Error('cannot locate a destination in the text');
    if (item.flow) {
      const close = text.lastIndexOf('}', item.range[1] - 1);
      edits.push({ offset: close, length: 0, newText: `, weight: ${w}` });
      return;
    }
    const firstKey = item.items[0]?.key as { range?: [number, number, number] } | undefined;
    const keyStart = firstKey?.range?.[0] ?? item.range[0];
    const column = keyStart - (text.lastIndexOf('\n', keyStart - 1) + 1);
    const end = item.range[1];
    const at = text[end - 1] === '\n' ? end - 1 : end;
    const eol = text[at - 1] === '\r' ? '\r\n' : '\n';
    edits.push({
      offset: text[at - 1] === '\r' ? at - 1 : at,
      length: 0,
      newText: `${eol}${' '.repeat(column)}weight: ${w}`,
    });
  });
  return edits;
}

/** Applies offset edits (non-overlapping) to a text. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) {
    out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  }
  return out;
}
