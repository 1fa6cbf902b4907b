import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Fix, OffsetRange } from '../types';
import type { ParsedDocument } from '../yaml/parse';
import { findPair, locate, type PathSegment } from '../yaml/nodes';

/**
 * Builders for quick-fix edits on a parsed document. They edit the source text in place, so comments
 * and formatting elsewhere are kept.
 */
export class FixBuilder {
  constructor(private readonly parsed: ParsedDocument) {}

  /** Replaces a scalar value (keeps the key). `newText` is written as is (quote it if needed). */
  replaceValue(path: PathSegment[], newText: string, title: string, preferred = true): Fix | undefined {
    const r = locate(this.parsed.doc.contents, path)?.node?.range;
    if (!r) return undefined;
    return { title, preferred, edits: [{ range: { start: r[0], end: r[1] }, newText }] };
  }

  /** Renames a map key. */
  renameKey(path: PathSegment[], newName: string, title: string, preferred = true): Fix | undefined {
    const pair = this.pair(path);
    const r = pair && isScalar(pair.key) ? pair.key.range : undefined;
    if (!r) return undefined;
    return { title, preferred, edits: [{ range: { start: r[0], end: r[1] }, newText: newName }] };
  }

  /**
   * Removes a field (its key, its value and its lines) from a block or flow map. Removing the only
   * entry of a map leaves no null behind: the map becomes `{}` when it is `spec` or a list item;
   * otherwise the field that holds the map is removed in turn.
   */
  removeField(path: PathSegment[], title: string, preferred = false): Fix | undefined {
    const text = this.parsed.text;
    const parentPath = path.slice(0, -1);
    const parent = locate(this.parsed.doc.contents, parentPath)?.node;
    const pair = this.pair(path);
    if (!pair || !isMap(parent) || !isScalar(pair.key) || !pair.key.range) return undefined;
    const pairs = parent.items.filter((p): p is Pair => isPair(p));
    if (pairs.length === 1) {
      const last = parentPath[parentPath.length - 1];
      if (parentPath.length === 1 || typeof last === 'number') {
        const r = parent.range;
        return r ? edit(title, preferred, r[0], contentEnd(text, r[1]), '{}') : undefined;
      }
      return parentPath.length > 1 ? this.removeField(parentPath, title, preferred) : undefined;
    }
    const keyStart = pair.key.range[0];
    const valueEnd = contentEnd(text, (pair.value as Node | null)?.range?.[1] ?? pair.key.range[1]);
    const next = pairs[pairs.indexOf(pair) + 1];
    const nextKeyStart = next && isScalar(next.key) ? next.key.range?.[0] : undefined;
    if (parent.flow) {
      if (nextKeyStart !== undefined) return edit(title, preferred, keyStart, nextKeyStart, '');
      const prev = pairs[pairs.indexOf(pair) - 1];
      const start = prev ? ((prev.value as Node | null)?.range?.[1] ?? keyStart) : keyStart;
      return edit(title, preferred, start, valueEnd, '');
    }
    const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
    if (/^\s*$/.test(text.slice(lineStart, keyStart))) {
      return edit(title, preferred, lineStart, endOfLine(text, valueEnd), '');
    }
    // The key shares its line with a list dash (`- key: v`): pull the next sibling up onto the dash.
    if (nextKeyStart !== undefined) return edit(title, preferred, keyStart, nextKeyStart, '');
    return undefined;
  }

  /**
   * Inserts `key: value` into the block map at `mapPath`, after its last entry. A value with line
   * breaks is written as an indented block below the key.
   */
  insertField(
    mapPath: PathSegment[],
    key: string,
    value: string,
    title: string,
    preferred = true,
  ): Fix | undefined {
    const map = locate(this.parsed.doc.contents, mapPath)?.node;
    if (!isMap(map) || map.flow) return undefined;
    const first = map.items[0];
    const last = map.items[map.items.length - 1];
    if (!isPair(first) || !isScalar(first.key) || !first.key.range || !isPair(last)) return undefined;
    const text = this.parsed.text;
    const column = first.key.range[0] - (text.lastIndexOf('\n', first.key.range[0] - 1) + 1);
    const rawEnd =
      (last.value as Node | null)?.range?.[1] ?? (isScalar(last.key) ? last.key.range?.[1] : undefined);
    if (rawEnd === undefined) return undefined;
    const at = endOfLine(text, contentEnd(text, rawEnd));
    const pad = ' '.repeat(column);
    const block = value.replace(/\n+$/, '');
    const body = block.includes('\n')
      ? `${key}:\n${block
          .split('\n')
          .map((l) => `${pad}  ${l}`)
          .join('\n')}`
      : `${key}: ${block}`;
    const prefix = at > 0 && text[at - 1] !== '\n' ? '\n' : '';
    return edit(title, preferred, at, at, `${prefix}${pad}${body}\n`);
  }

  /** The pair at a path whose last segment is a key. */
  pair(path: PathSegment[]): Pair | undefined {
    const parent = locate(this.parsed.doc.contents, path.slice(0, -1))?.node;
    const last = path[path.length - 1];
    if (isSeq(parent) || typeof last !== 'string') return undefined;
    return findPair(parent, last);
  }

  rangeOf(path: PathSegment[]): OffsetRange | undefined {
    const r = locate(this.parsed.doc.contents, path)?.node?.range;
    return r ? { start: r[0], end: r[1] } : undefined;
  }
}

function edit(title: string, preferred: boolean, start: number, end: number, newText: string): Fix {
  return { title, preferred, edits: [{ range: { start, end }, newText }] };
}

/**
 * Where a node's content really ends: the range of a block collection runs past its last line break,
 * so trailing white space is stepped back over.
 */
function contentEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  return e;
}

/** The offset just after the line break that ends the line containing `offset` (or the text's end). */
function endOfLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}
