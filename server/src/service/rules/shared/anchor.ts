import { isMap, isScalar } from 'yaml';
import { locate, type PathSegment } from '../../yaml/nodes';
import type { RuleContext } from '../rule';

/**
 * Where to show a problem about a whole list item or map: its first key, so the diagnostic stays on
 * one line. Falls back to the path itself.
 */
export function firstKeyPath(ctx: RuleContext, path: PathSegment[]): PathSegment[] {
  const node = locate(ctx.parsed.doc.contents, path)?.node;
  if (isMap(node)) {
    const first = node.items[0];
    const key = first && isScalar(first.key) ? first.key.value : undefined;
    if (typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean')
      return [...path, String(key)];
  }
  return path;
}

/** The path itself when it ends in a key, otherwise (a list item) its first key. */
export function keyOrFirstKey(ctx: RuleContext, path: PathSegment[]): PathSegment[] {
  return typeof path[path.length - 1] === 'number' ? firstKeyPath(ctx, path) : path;
}
