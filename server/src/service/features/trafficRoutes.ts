/**
 * The weighted routes of VirtualServices in a file: one computation for the "Shift traffic" CodeLens,
 * the inlay hints and the Shift Traffic command (which asks for it through `istio/trafficRoutes` and
 * `istio/weightEdits`). Reads the documents the store already parsed; offsets are file offsets.
 */
import { isMap, isScalar, isSeq, type Pair, type YAMLMap } from 'yaml';
import type { FileSnapshot, PlacedDocument } from '../documentStore';
import { locate } from '../yaml/nodes';

export const ROUTE_LISTS = ['http', 'tcp', 'tls'] as const;
export type RouteSection = (typeof ROUTE_LISTS)[number];

export interface RouteRef {
  /** Index of the document in the file. */
  doc: number;
  section: RouteSection;
  index: number;
}

export interface RouteDestination {
  host: string;
  subset?: string;
  /** `host` or `host:subset`. */
  label: string;
  /** The weight as written (a number), or undefined when there is none. */
  weight: number | undefined;
  /** Percent of the route's traffic (0-100), or undefined when the split is invalid. */
  share: number | undefined;
  /** File offset just after the destination's `weight` value (or after the destination). */
  hintOffset: number;
}

export interface RouteSplit {
  ref: RouteRef;
  virtualService: string;
  namespace?: string;
  name?: string;
  destinations: RouteDestination[];
  /** File offsets of the http/tcp/tls list item. */
  start: number;
  end: number;
  /** File offsets of the whole document (its `---` line included), for applying just this resource. */
  documentStart: number;
  documentEnd: number;
  /** Set when Istio rejects the split: more than one destination and weights that add up to 0. */
  invalid?: string;
}

/**
 * Each destination's share in percent, as Istio computes it: weights are relative (each is divided by
 * their sum), a missing weight counts as 0, and a lone destination without a weight gets everything.
 * With two or more destinations whose weights add up to 0, Istio rejects the route: undefined.
 */
export function shares(weights: readonly (number | undefined)[]): number[] | undefined {
  if (weights.length === 1) return [100];
  const values = weights.map((w) => (typeof w === 'number' && w > 0 ? w : 0));
  const total = values.reduce((a, b) => a + b, 0);
  if (total <= 0) return undefined;
  return values.map((v) => (v * 100) / total);
}

/** Whole percents, as people read a split; a share that is not zero never shows as 0%. */
export function formatShare(share: number): string {
  if (share > 0 && share < 1) return '<1%';
  return `${Math.round(share)}%`;
}

/** "47%/53%" for the CodeLens, or the reason Istio rejects the split. */
export function formatSplit(route: RouteSplit): string {
  if (route.invalid) return route.invalid;
  return route.destinations.map((d) => formatShare(d.share ?? 0)).join('/');
}

const ZERO_TOTAL = 'weights total 0: Istio rejects this route';

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function isVirtualService(placed: PlacedDocument): boolean {
  const id = placed.state.id;
  return id?.kind === 'VirtualService' && id.group === 'networking.istio.io';
}

/**
 * Every VirtualService route with at least one destination, in file order. With `lines`, only the
 * documents that overlap those zero-based lines (their syntax trees are built on demand).
 */
export function trafficRoutes(file: FileSnapshot, lines?: { start: number; end: number }): RouteSplit[] {
  const out: RouteSplit[] = [];
  file.documents.forEach((placed, docIndex) => {
    if (lines) {
      const nextLine = file.documents[docIndex + 1]?.chunk.line ?? Number.MAX_SAFE_INTEGER;
      if (placed.chunk.line > lines.end || nextLine <= lines.start) return;
    }
    if (!isVirtualService(placed)) return;
    const { chunk, state } = placed;
    const value = state.parsed.value as
      { metadata?: { name?: unknown; namespace?: unknown }; spec?: Record<string, unknown> } | undefined;
    const spec = value?.spec;
    if (!spec || typeof spec !== 'object') return;
    const root = state.parsed.doc.contents;
    for (const section of ROUTE_LISTS) {
      const list = Array.isArray(spec[section]) ? (spec[section] as unknown[]) : [];
      list.forEach((entry, index) => {
        const dests = (entry as { route?: unknown } | null)?.route;
        if (!Array.isArray(dests) || dests.length === 0) return;
        const itemNode = locate(root, ['spec', section, index])?.node;
        if (!itemNode?.range) return;
        const weights = dests.map((d) => {
          const w = (d as { weight?: unknown } | null)?.weight;
          return typeof w === 'number' ? w : undefined;
        });
        const computed = shares(weights);
        const destinations = dests.map((d, i): RouteDestination => {
          const dest = (d as { destination?: { host?: unknown; subset?: unknown } } | null)?.destination;
          const host = str(dest?.host) ?? '?';
          const subset = str(dest?.subset);
          const path = ['spec', section, index, 'route', i];
          const node = locate(root, [...path, 'weight'])?.node ?? locate(root, path)?.node;
          // A block collection's range runs past its line break: the hint goes after its last character.
          let end = node?.range?.[1] ?? itemNode.range![1];
          while (end > 0 && /\s/.test(chunk.text[end - 1])) end--;
          return {
            host,
            subset,
            label: subset ? `${host}:${subset}` : host,
            weight: weights[i],
            share: computed?.[i],
            hintOffset: chunk.offset + end,
          };
        });
        out.push({
          ref: { doc: docIndex, section, index },
          virtualService: str(value?.metadata?.name) ?? '',
          namespace: str(value?.metadata?.namespace),
          name: str((entry as { name?: unknown }).name),
          destinations,
          start: chunk.offset + itemNode.range[0],
          end: chunk.offset + itemNode.range[1],
          documentStart: chunk.offset,
          documentEnd: chunk.offset + chunk.text.length,
          invalid: computed ? undefined : ZERO_TOTAL,
        });
      });
    }
  });
  return out;
}

export interface OffsetEdit {
  offset: number;
  length: number;
  newText: string;
}

/**
 * The edits that give the destinations of route `ref` the new `weights` (in order). An existing
 * `weight` value is replaced in place; a missing one is added as the item's last key, with the item's
 * indentation. Throws when the route is gone or the number of weights does not match.
 */
export function weightEdits(file: FileSnapshot, ref: RouteRef, weights: readonly number[]): OffsetEdit[] {
  const placed = file.documents[ref.doc];
  const list =
    placed && isVirtualService(placed)
      ? locate(placed.state.parsed.doc.contents, ['spec', ref.section, ref.index, 'route'])?.node
      : undefined;
  if (!placed || !isSeq(list))
    throw new Error(`the route ${ref.section}[${ref.index}] is no longer in the document`);
  const items = list.items.filter((i): i is YAMLMap => isMap(i));
  if (items.length !== list.items.length) throw new Error('a destination of the route is not a map');
  if (items.length !== weights.length) {
    throw new Error(`the route has ${items.length} destinations, but ${weights.length} weights were given`);
  }
  const text = placed.chunk.text;
  const base = placed.chunk.offset;
  const edits: OffsetEdit[] = [];
  items.forEach((item, i) => {
    const w = String(weights[i]);
    const pair = item.items.find((p: Pair) => isScalar(p.key) && p.key.value === 'weight');
    if (pair && isScalar(pair.value) && pair.value.range) {
      const [s, e] = pair.value.range;
      if (text.slice(s, e) !== w) edits.push({ offset: base + s, length: e - s, newText: w });
      return;
    }
    if (pair) throw new Error('a weight is not a plain number; edit it by hand');
    if (!item.range) throw new Error('cannot locate a destination in the text');
    if (item.flow) {
      const close = text.lastIndexOf('}', item.range[1] - 1);
      edits.push({ offset: base + close, length: 0, newText: `, weight: ${w}` });
      return;
    }
    const firstKey = item.items[0]?.key as { range?: [number, number, number] } | undefined;
    const keyStart = firstKey?.range?.[0] ?? item.range[0];
    const column = keyStart - (text.lastIndexOf('\n', keyStart - 1) + 1);
    let at = item.range[1];
    while (at > keyStart && /\s/.test(text[at - 1])) at--;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    edits.push({ offset: base + at, length: 0, newText: `${eol}${' '.repeat(column)}weight: ${w}` });
  });
  return edits;
}
