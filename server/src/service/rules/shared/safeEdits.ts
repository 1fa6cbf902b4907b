/**
 * Quick-fix edits for rules that avoid two pitfalls of a plain FixBuilder edit:
 * - a block collection's source range ends after its last line break, so "the end of its line" is
 *   the end of the *next* line; edits here stop at the collection's own last line;
 * - removing the only entry of a map does not leave a null behind: the map becomes `{}` when it is
 *   `spec` or a list item, otherwise its own field is removed in turn.
 */
import { isMap, isPair, isScalar, type Node, type Pair } from 'yaml';
import type { Fix } from '../../types';
import { locate, type PathSegment } from '../../yaml/nodes';
import type { RuleContext } from '../rule';

function edit(title: string, preferred: boolean, start: number, end: number, newText: string): Fix {
  return { title, preferred, edits: [{ range: { start, end }, newText }] };
}

function endOfLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/** End of a node's own text, without the line break a block collection's range ends with. */
function contentEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && (text[e - 1] === '\n' || text[e - 1] === '\r')) e--;
  return e;
}

export function removeFieldFix(
  ctx: RuleContext,
  path: PathSegment[],
  title: string,
  preferred = false,
): Fix | undefined {
  const text = ctx.parsed.text;
  const parentPath = path.slice(0, -1);
  const parent = locate(ctx.parsed.doc.contents, parentPath)?.node;
  const name = path[path.length - 1];
  if (!isMap(parent) || typeof name !== 'string') return undefined;
  const pairs = parent.items.filter((p): p is Pair => isPair(p));
  const pair = pairs.find((p) => isScalar(p.key) && String(p.key.value) === name);
  if (!pair || !isScalar(pair.key) || !pair.key.range) return undefined;
  if (pairs.length === 1) {
    const last = parentPath[parentPath.length - 1];
    if (parentPath.length === 1 || typeof last === 'number') {
      const r = parent.range;
      return r ? edit(title, preferred, r[0], contentEnd(text, r[1]), '{}') : undefined;
    }
    if (parentPath.length > 1) return removeFieldFix(ctx, parentPath, title, preferred);
    return undefined;
  }
  if (parent.flow) return ctx.fix.removeField(path, title, preferred);
  const keyStart = pair.key.range[0];
  const valueEnd = contentEnd(text, (pair.value as Node | null)?.range?.[1] ?? pair.key.range[1]);
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  if (/^\s*$/.test(text.slice(lineStart, keyStart)))
    return edit(title, preferred, lineStart, endOfLine(text, valueEnd), '');
  // The key shares its line with a list dash (`- key: v`): pull the next sibling up onto the dash.
  const next = pairs[pairs.indexOf(pair) + 1];
  const nextStart = next && isScalar(next.key) ? next.key.range?.[0] : undefined;
  return nextStart === undefined ? undefined : edit(title, preferred, keyStart, nextStart, '');
}

/**
 * Inserts `key: value` (a one-line value) after the last entry of the block map at `mapPath`, at the
 * indentation of its first key.
 */
export function insertFieldFix(
  ctx: RuleContext,
  mapPath: PathSegment[],
  key: string,
  value: string,
  title: string,
  preferred = true,
): Fix | undefined {
  const text = ctx.parsed.text;
  const map = locate(ctx.parsed.doc.contents, mapPath)?.node;
  if (!isMap(map) || map.flow) return undefined;
  const pairs = map.items.filter((p): p is Pair => isPair(p));
  const first = pairs[0];
  const last = pairs[pairs.length - 1];
  if (!first || !isScalar(first.key) || !first.key.range || !last || !isScalar(last.key) || !last.key.range)
    return undefined;
  const column = first.key.range[0] - (text.lastIndexOf('\n', first.key.range[0] - 1) + 1);
  const lastEnd = contentEnd(text, (last.value as Node | null)?.range?.[1] ?? last.key.range[1]);
  const at = endOfLine(text, lastEnd);
  const prefix = at > 0 && text[at - 1] !== '\n' ? '\n' : '';
  return edit(title, preferred, at, at, `${prefix}${' '.repeat(column)}${key}: ${value}\n`);
}
