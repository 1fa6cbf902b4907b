import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { OffsetRange } from '../types';

export type PathSegment = string | number;

/** Where a value sits in the tree: the value node and, for a map entry, its pair (with the key). */
export interface Located {
  node: Node | null;
  pair?: Pair;
  /** The index of this value in its parent sequence, when it is a list item. */
  index?: number;
}

export function rangeOf(node: Node | null | undefined): OffsetRange | undefined {
  if (!node?.range) return undefined;
  return { start: node.range[0], end: node.range[1] };
}

/** The key node of a pair, as a range. */
export function keyRange(pair: Pair | undefined): OffsetRange | undefined {
  return pair && isScalar(pair.key) ? rangeOf(pair.key) : undefined;
}

/** Finds the map pair whose key is `name`. */
export function findPair(map: unknown, name: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  for (const item of map.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === name) return item;
  }
  return undefined;
}

/** Follows a path of map keys and sequence indexes from `root`. */
export function locate(root: unknown, path: readonly PathSegment[]): Located | undefined {
  let current: Located = { node: root as Node | null };
  for (const seg of path) {
    const node = current.node;
    if (isMap(node)) {
      const pair = findPair(node, String(seg));
      if (!pair) return undefined;
      current = { node: (pair.value as Node | null) ?? null, pair };
    } else if (isSeq(node)) {
      const i = typeof seg === 'number' ? seg : Number(seg);
      const item = node.items[i];
      if (item === undefined) return undefined;
      current = { node: item as Node | null, index: i };
    } else {
      return undefined;
    }
  }
  return current;
}

/** The range to show for a value: the value itself, or its key when the value is empty. */
export function valueRange(loc: Located): OffsetRange | undefined {
  return rangeOf(loc.node) ?? keyRange(loc.pair);
}

/**
 * The range to show for a collection-level problem: the collection's key when it has one, otherwise
 * the first key inside it (a list item), otherwise the value.
 */
export function anchorRange(loc: Located): OffsetRange | undefined {
  const key = keyRange(loc.pair);
  if (key) return key;
  if (isMap(loc.node)) {
    const first = loc.node.items[0];
    if (first && isScalar(first.key)) return rangeOf(first.key);
  }
  return rangeOf(loc.node);
}

/** Converts a JSON pointer (as in ajv's instancePath) to path segments. */
export function pointerToPath(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

/** `spec.http[0].route[1]` style, for messages. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out || '(document)';
}
