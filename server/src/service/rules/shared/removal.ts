/**
 * A safer "remove this field" quick fix for rules:
 * - a field that is the only entry of its map does not leave a null behind: the map becomes `{}` when
 *   it is `spec` or a list item, otherwise its own field is removed in turn;
 * - a block collection value (whose source range ends after its last line break) does not take the
 *   following line with it.
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

export function removeFieldFix(ctx: RuleContext, path: PathSegment[], title: string, preferred = false): Fix | undefined {
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
  if (/^\s*$/.test(text.slice(lineStart, keyStart))) return edit(title, preferred, lineStart, endOfLine(text, valueEnd), '');
  // The key shares its line with a list dash (`- key: v`): pull the next sibling up onto the dash.
  const next = pairs[pairs.indexOf(pair) + 1];
  const nextStart = next && isScalar(next.key) ? next.key.range?.[0] : undefined;
  return nextStart === undefined ? undefined : edit(title, preferred, keyStart, nextStart, '');
}
