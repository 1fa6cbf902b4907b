import type { OffsetRange } from '../types';
import { resolvePlain } from './goScalar';
import type { PathSegment } from './nodes';

/**
 * Where the keys and one-line values of a quickly read document are, without the `yaml` AST.
 *
 * Placing a finding needs the range of a key or value. For a document the quick reader read
 * (fastRead.ts), that would be the only reason to build the AST, and building it costs as much as
 * the whole quick reading. The outline is one pass over the lines of the plain block YAML the quick
 * reader accepts: block maps and lists, one-line scalars and flow collections, block scalars. Anything
 * else (a quoted scalar over several lines, a key the outline cannot spell) gives no outline, and so
 * does any difference between the outline's shape and the value js-yaml read. A range it cannot give
 * exactly (an empty value, a multi-line or block scalar, a collection followed by comments, a place
 * inside a flow collection) is left to the AST too. test/fuzz/fastRead.test.ts checks every range
 * against the AST's.
 */
export type OutlineNode =
  /** `range`, as the AST's, runs from the first key or `-` to the end of the last line, newline included. */
  | { kind: 'map'; entries: Map<string, OutlineEntry>; range?: OffsetRange }
  | { kind: 'seq'; items: OutlineNode[]; range?: OffsetRange }
  /**
   * A scalar or a one-line flow collection; `range` only when it is on one line, and then `tail` is
   * the end of that line, newline included (where an enclosing block collection ends).
   */
  | { kind: 'leaf'; range?: OffsetRange; flow?: boolean; tail?: number };

export interface OutlineEntry {
  keyRange: OffsetRange;
  value: OutlineNode;
}

class NotSimple extends Error {}
const NOT_SIMPLE = new NotSimple('not a simple block document');

interface Line {
  start: number;
  end: number;
  /** Where the next line starts (after the newline), or the text's end. */
  next: number;
  /** Columns of leading spaces. */
  indent: number;
  /** Blank or only a comment (outside block scalars such lines are skipped). */
  quiet: boolean;
}

const EMPTY: OutlineNode = { kind: 'leaf' };

/** The outline of a document's text, checked against its value; undefined when the text is not simple. */
export function outlineOf(text: string, value: unknown): OutlineNode | undefined {
  try {
    const node = new OutlineReader(text).document();
    return sameShape(node, value) ? node : undefined;
  } catch (err) {
    if (err instanceof NotSimple) return undefined;
    throw err;
  }
}

/**
 * The range of a path as parse.ts's AST places it: the key (or, for a list item, the value) with
 * `on: 'key'`, the value with `on: 'value'`. Undefined when only the AST can say.
 */
export function outlineRange(
  root: OutlineNode,
  path: readonly PathSegment[],
  on: 'key' | 'value',
): OffsetRange | undefined {
  let node = root;
  let entry: OutlineEntry | undefined;
  for (const seg of path) {
    if (node.kind === 'map') {
      entry = node.entries.get(String(seg));
      if (!entry) return undefined;
      node = entry.value;
    } else if (node.kind === 'seq') {
      const item = node.items[typeof seg === 'number' ? seg : Number(seg)];
      if (!item) return undefined;
      entry = undefined;
      node = item;
    } else {
      return undefined;
    }
  }
  if (on === 'key' && entry) return entry.keyRange;
  return node.range;
}

class OutlineReader {
  private readonly lines: Line[] = [];
  private i = 0;

  constructor(private readonly text: string) {
    for (let start = 0; start <= text.length;) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      let indent = 0;
      while (start + indent < lineEnd && text.charCodeAt(start + indent) === 32) indent++;
      const first = text[start + indent];
      const next = Math.min(end + 1, text.length);
      this.lines.push({
        start,
        end: lineEnd,
        next,
        indent,
        quiet: start + indent >= lineEnd || first === '#',
      });
      start = end + 1;
    }
  }

  document(): OutlineNode {
    this.skipQuiet();
    const marker = this.lines[this.i];
    if (marker && marker.indent === 0 && this.lineText(marker).startsWith('---')) {
      if (!/^---(\s+#.*)?\s*$/.test(this.lineText(marker))) throw NOT_SIMPLE;
      this.i++;
      this.skipQuiet();
    }
    const first = this.lines[this.i];
    if (!first || this.isEndMarker(first)) return this.finish(EMPTY);
    return this.finish(this.node(first.start + first.indent, -1));
  }

  private finish(node: OutlineNode): OutlineNode {
    this.skipQuiet();
    const line = this.lines[this.i];
    if (line && this.isEndMarker(line)) {
      this.i++;
      this.skipQuiet();
    }
    if (this.i < this.lines.length) throw NOT_SIMPLE;
    return node;
  }

  private isEndMarker(line: Line): boolean {
    return line.indent === 0 && /^\.\.\.(\s+#.*)?\s*$/.test(this.lineText(line));
  }

  private lineText(line: Line): string {
    return this.text.slice(line.start, line.end);
  }

  /**
   * Skips blank and comment lines, telling whether a comment was among them. Where a block
   * collection ends depends on such comments (the AST may count them in), so its range is then left
   * to the AST.
   */
  private skipQuiet(): boolean {
    let comment = false;
    while (this.i < this.lines.length && this.lines[this.i].quiet) {
      const line = this.lines[this.i];
      if (line.start + line.indent < line.end) comment = true;
      this.i++;
    }
    return comment;
  }

  private column(offset: number): number {
    return offset - this.lines[this.i].start;
  }

  /** The node that starts at `offset` on the current line, inside a parent whose column is `parent`. */
  private node(offset: number, parent: number): OutlineNode {
    const line = this.lines[this.i];
    const c = this.text[offset];
    if (c === '-' && (offset + 1 >= line.end || this.text[offset + 1] === ' ')) return this.seq(offset);
    if (this.keyAt(offset)) return this.map(offset);
    return this.value(offset, parent);
  }

  private seq(offset: number): OutlineNode {
    const col = this.column(offset);
    const items: OutlineNode[] = [];
    let commented = false;
    for (;;) {
      const line = this.lines[this.i];
      let p = line.start + col + 1;
      while (p < line.end && this.text[p] === ' ') p++;
      if (p >= line.end || this.text[p] === '#') items.push(this.below(col));
      else items.push(this.node(p, col));
      commented = this.skipQuiet();
      const next = this.lines[this.i];
      if (!next || next.indent < col || this.isEndMarker(next)) break;
      if (next.indent !== col) throw NOT_SIMPLE;
      // A line at this column that is not an item ends the list: a map's next key, when the list is
      // the value of a key at the same column. The parent checks that it is one.
      const at = next.start + col;
      if (this.text[at] !== '-' || (at + 1 < next.end && this.text[at + 1] !== ' ')) break;
    }
    return { kind: 'seq', items, range: commented ? undefined : spanOf(offset, items[items.length - 1]) };
  }

  private map(offset: number): OutlineNode {
    const col = this.column(offset);
    const entries = new Map<string, OutlineEntry>();
    let at = offset;
    let commented = false;
    for (;;) {
      const key = this.keyAt(at);
      if (!key) throw NOT_SIMPLE;
      let p = key.colon + 1;
      const line = this.lines[this.i];
      while (p < line.end && this.text[p] === ' ') p++;
      let value: OutlineNode;
      if (p >= line.end || this.text[p] === '#') {
        value = this.below(col, true);
      } else {
        value = this.value(p, col);
      }
      if (entries.has(key.name)) throw NOT_SIMPLE;
      entries.set(key.name, { keyRange: key.range, value });
      commented = this.skipQuiet();
      const next = this.lines[this.i];
      if (!next || next.indent < col || this.isEndMarker(next)) break;
      if (next.indent !== col) throw NOT_SIMPLE;
      at = next.start + col;
    }
    const last = [...entries.values()].pop()?.value;
    return { kind: 'map', entries, range: commented ? undefined : spanOf(offset, last) };
  }

  /**
   * The value that follows on later lines (after `key:` or `-` with nothing after it): a node indented
   * deeper than `col`, a list at `col` itself for a map value, or nothing.
   */
  private below(col: number, mapValue = false): OutlineNode {
    this.i++;
    this.skipQuiet();
    const next = this.lines[this.i];
    if (!next || this.isEndMarker(next)) return EMPTY;
    const start = next.start + next.indent;
    if (next.indent > col) return this.node(start, col);
    if (
      mapValue &&
      next.indent === col &&
      this.text[start] === '-' &&
      (start + 1 >= next.end || this.text[start + 1] === ' ')
    )
      return this.seq(start);
    return EMPTY;
  }

  /** A value that starts on the current line at `offset`; the lines it continues onto are skipped. */
  private value(offset: number, parent: number): OutlineNode {
    const line = this.lines[this.i];
    const c = this.text[offset];
    let end: number;
    let flow = false;
    if (c === '"' || c === "'") {
      end = quotedEnd(this.text, offset, line.end) ?? -1;
      if (end === -1) throw NOT_SIMPLE;
    } else if (c === '[' || c === '{') {
      end = flowEnd(this.text, offset, line.end) ?? -1;
      if (end === -1) throw NOT_SIMPLE;
      flow = true;
    } else if (c === '|' || c === '>') {
      this.i++;
      this.skipDeeper(parent, true);
      return EMPTY;
    } else if ('&*!%@`?:,]}'.includes(c)) {
      throw NOT_SIMPLE;
    } else {
      end = plainEnd(this.text, offset, line.end);
    }
    if (!restIsComment(this.text, end, line.end)) throw NOT_SIMPLE;
    this.i++;
    // More deeply indented lines continue a plain scalar over several lines.
    const more = this.skipDeeper(parent, false);
    if (more && c !== '"' && c !== "'" && !flow) return EMPTY;
    if (more) throw NOT_SIMPLE;
    return { kind: 'leaf', range: { start: offset, end }, flow: flow || undefined, tail: line.next };
  }

  /** Skips the lines indented deeper than `col` (and, inside a block scalar, blank ones). */
  private skipDeeper(col: number, blockScalar: boolean): boolean {
    let skipped = false;
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      const blank = line.start + line.indent >= line.end;
      if (blank) {
        if (!blockScalar) break;
      } else if (line.indent <= col) {
        break;
      }
      skipped = skipped || !blank;
      this.i++;
    }
    // Blank lines a block scalar ends with stay skipped; comments below are quiet lines anyway.
    return skipped;
  }

  /** A `key:` at `offset`, with the key's name as js-yaml reads it. */
  private keyAt(offset: number): { name: string; range: OffsetRange; colon: number } | undefined {
    const end = this.lines[this.i].end;
    const c = this.text[offset];
    let keyEnd: number;
    let name: string;
    if (c === '"' || c === "'") {
      const close = quotedEnd(this.text, offset, end);
      if (close === undefined) return undefined;
      const inner = this.text.slice(offset + 1, close - 1);
      if (c === '"' && inner.includes('\\')) return undefined;
      name = c === "'" ? inner.replace(/''/g, "'") : inner;
      keyEnd = close;
    } else {
      if ('-?:,[]{}#&*!|>%@`'.includes(c) && !(c === '-' && this.text[offset + 1] !== ' ')) return undefined;
      let p = offset;
      while (p < end && !(this.text[p] === ':' && (p + 1 >= end || this.text[p + 1] === ' '))) {
        if (this.text[p] === '#' && this.text[p - 1] === ' ') return undefined;
        p++;
      }
      if (p >= end) return undefined;
      keyEnd = p;
      while (keyEnd > offset && this.text[keyEnd - 1] === ' ') keyEnd--;
      name = this.text.slice(offset, keyEnd);
      if (name === '' || resolvePlain(name).kind !== 'string') return undefined;
    }
    let colon = keyEnd;
    while (colon < end && this.text[colon] === ' ') colon++;
    if (this.text[colon] !== ':' || (colon + 1 < end && this.text[colon + 1] !== ' ')) return undefined;
    return { name, range: { start: offset, end: keyEnd }, colon };
  }
}

/** A block collection's range: from its first key or `-` to where its last value's line ends. */
function spanOf(start: number, last: OutlineNode | undefined): OffsetRange | undefined {
  const end = last?.kind === 'leaf' ? last.tail : last?.range?.end;
  return end === undefined ? undefined : { start, end };
}

/** The end (after the closing quote) of a quoted scalar that closes on its line. */
export function quotedEnd(text: string, start: number, lineEnd: number): number | undefined {
  const q = text[start];
  for (let p = start + 1; p < lineEnd; p++) {
    const c = text[p];
    if (q === '"' && c === '\\') {
      p++;
      continue;
    }
    if (c !== q) continue;
    if (q === "'" && text[p + 1] === "'") {
      p++;
      continue;
    }
    return p + 1;
  }
  return undefined;
}

/** The end of a one-line flow collection (after its closing bracket). */
function flowEnd(text: string, start: number, lineEnd: number): number | undefined {
  let depth = 0;
  for (let p = start; p < lineEnd; p++) {
    const c = text[p];
    if (c === '"' || c === "'") {
      const close = quotedEnd(text, p, lineEnd);
      if (close === undefined) return undefined;
      p = close - 1;
    } else if (c === '[' || c === '{') {
      depth++;
    } else if (c === ']' || c === '}') {
      if (--depth === 0) return p + 1;
    } else if (c === '#' && text[p - 1] === ' ') {
      return undefined;
    }
  }
  return undefined;
}

/** The end of a plain scalar on its line: before a comment and trailing blanks. */
function plainEnd(text: string, start: number, lineEnd: number): number {
  let end = lineEnd;
  for (let p = start + 1; p < lineEnd; p++) {
    if (text[p] === '#' && text[p - 1] === ' ') {
      end = p;
      break;
    }
    if (text[p] === ':' && (p + 1 >= lineEnd || text[p + 1] === ' ')) throw NOT_SIMPLE;
  }
  while (end > start && text[end - 1] === ' ') end--;
  return end;
}

function restIsComment(text: string, from: number, lineEnd: number): boolean {
  let p = from;
  while (p < lineEnd && text[p] === ' ') p++;
  return p >= lineEnd || (text[p] === '#' && p > from);
}

/** True when the outline has the value's shape: the same keys, list lengths and kinds everywhere. */
function sameShape(node: OutlineNode, value: unknown): boolean {
  const stack: [OutlineNode, unknown][] = [[node, value]];
  while (stack.length) {
    const [n, v] = stack.pop()!;
    if (n.kind === 'map') {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
      const keys = Object.keys(v);
      if (keys.length !== n.entries.size) return false;
      for (const k of keys) {
        const e = n.entries.get(k);
        if (!e) return false;
        stack.push([e.value, (v as Record<string, unknown>)[k]]);
      }
    } else if (n.kind === 'seq') {
      if (!Array.isArray(v) || v.length !== n.items.length) return false;
      n.items.forEach((item, i) => stack.push([item, v[i]]));
    } else if (n.flow) {
      if (v === null || typeof v !== 'object') return false;
    } else if (n.range && v !== null && typeof v === 'object') {
      return false;
    }
  }
  return true;
}
