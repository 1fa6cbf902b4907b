import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { PathSegment } from './nodes';

/** Marks a list item in a cursor path. */
export const ITEM = '[]';

export interface CursorContext {
  /** Keys (and ITEM markers) from the document root to the map the cursor is in. */
  path: string[];
  /** 'key' when a key is being typed; 'value' after `key:`. */
  position: 'key' | 'value';
  /** The key whose value is being typed, for 'value'. */
  key?: string;
  /** What has been typed so far of the key or value. */
  prefix: string;
  /** Column where keys of the current map start. */
  column: number;
  /** Keys already present in the current map. */
  siblings: Set<string>;
  /** True when the cursor line starts a new list item (`- `). */
  inItemStart: boolean;
}

interface LineShape {
  /** Column of the first character (dash or key). */
  indent: number;
  /** Column where the key starts, after any `- ` markers. */
  keyColumn: number;
  dash: boolean;
  key?: string;
  /** True when the line is `key:` with nothing after it, so it opens a block. */
  opens: boolean;
}

function shape(line: string): LineShape | undefined {
  const m = /^( *)((?:- +)*)(.*)$/s.exec(line);
  if (!m) return undefined;
  const rest = m[3];
  if (!rest.trim() && !m[2]) return undefined;
  if (rest.trimStart().startsWith('#')) return undefined;
  const km = /^(["']?)([^"':#]+?)\1\s*:(?:\s+(.*))?$/s.exec(rest.trimEnd());
  const value = km?.[3]?.trim();
  return {
    indent: m[1].length,
    keyColumn: m[1].length + m[2].length,
    dash: m[2].length > 0,
    key: km?.[2],
    opens: !!km && (!value || value.startsWith('#') || value === '|' || value === '>'),
  };
}

/**
 * Works out where the cursor is from indentation alone, which still works while the line being typed
 * leaves the YAML incomplete. `lines` are the document's lines; `line` and `character` are relative to them.
 */
export function cursorContext(lines: string[], line: number, character: number): CursorContext {
  const current = (lines[line] ?? '').slice(0, character);
  const lm = /^( *)((?:- +)*)(.*)$/s.exec(current)!;
  const rest = lm[3];
  const column = lm[1].length + lm[2].length;
  const valueMatch = /^(["']?)([^"':#]+?)\1\s*:\s*(.*)$/s.exec(rest);
  const path: string[] = [];
  let want = column;
  let mode: 'map' | 'seq' = 'map';
  if (lm[2]) {
    path.unshift(ITEM);
    want = lm[1].length;
    mode = 'seq';
  }
  for (let l = line - 1; l >= 0; l--) {
    const text = lines[l];
    if (/^(---|\.\.\.)(\s|$)/.test(text)) break;
    const s = shape(text);
    if (!s) continue;
    if (mode === 'map') {
      if (s.dash && s.keyColumn === want) {
        // A sibling key on the first line of our list item.
        path.unshift(ITEM);
        want = s.indent;
        mode = 'seq';
      } else if (s.keyColumn < want && s.key !== undefined && s.opens) {
        path.unshift(s.key);
        want = s.keyColumn;
        if (s.dash) {
          path.unshift(ITEM);
          want = s.indent;
          mode = 'seq';
        }
      } else if (s.keyColumn < want) {
        break;
      }
    } else if (s.key !== undefined && s.opens && s.keyColumn <= want && !(s.dash && s.indent === want)) {
      path.unshift(s.key);
      want = s.keyColumn;
      mode = 'map';
      if (s.dash) {
        path.unshift(ITEM);
        want = s.indent;
        mode = 'seq';
      }
    } else if (s.keyColumn < want) {
      break;
    }
  }
  const siblings = siblingKeys(lines, line, column);
  if (valueMatch && !lm[3].trimStart().startsWith('#')) {
    return {
      path,
      position: 'value',
      key: valueMatch[2],
      prefix: valueMatch[3].replace(/^["']/, ''),
      column,
      siblings,
      inItemStart: !!lm[2],
    };
  }
  return { path, position: 'key', prefix: rest.trim(), column, siblings, inItemStart: !!lm[2] };
}

/** Keys at `column` in the same block as `line`, above and below it. */
function siblingKeys(lines: string[], line: number, column: number): Set<string> {
  const keys = new Set<string>();
  const scan = (from: number, step: number): void => {
    for (let l = from; l >= 0 && l < lines.length; l += step) {
      const text = lines[l];
      if (/^(---|\.\.\.)(\s|$)/.test(text)) return;
      const s = shape(text);
      if (!s) continue;
      if (s.keyColumn < column) {
        // The first line of our own list item holds a sibling key after its dash.
        if (s.dash && step < 0 && s.keyColumn === column && s.key) keys.add(s.key);
        return;
      }
      if (s.keyColumn === column && s.key) keys.add(s.key);
      if (s.dash && s.indent < column) return;
      if (s.dash && s.keyColumn === column && step > 0) return;
    }
  };
  scan(line - 1, -1);
  scan(line + 1, 1);
  return keys;
}

/** What is at an offset in the AST: the path, and whether the offset is on a key or a value. */
export interface NodeAt {
  path: PathSegment[];
  on: 'key' | 'value';
  node: Node | null;
  pair?: Pair;
}

/** Finds the innermost key or value that contains `offset`. */
export function nodeAtOffset(root: unknown, offset: number): NodeAt | undefined {
  let node = root as Node | null;
  const path: PathSegment[] = [];
  let result: NodeAt | undefined;
  for (let depth = 0; depth < 500 && node; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && contains(p, offset));
      if (!pair || !isScalar(pair.key)) return result;
      path.push(String(pair.key.value));
      const key = pair.key;
      if (key.range && offset >= key.range[0] && offset <= key.range[1]) {
        return { path: [...path], on: 'key', node: pair.value as Node | null, pair };
      }
      node = pair.value as Node | null;
      result = { path: [...path], on: 'value', node, pair };
    } else if (isSeq(node)) {
      const index = node.items.findIndex((n) => {
        const r = (n as Node | null)?.range;
        return r && offset >= r[0] && offset <= r[1];
      });
      if (index === -1) return result;
      path.push(index);
      node = node.items[index] as Node | null;
      result = { path: [...path], on: 'value', node };
    } else {
      return result;
    }
  }
  return result;
}

function contains(pair: Pair, offset: number): boolean {
  const start = (pair.key as Node | null)?.range?.[0];
  const valueEnd = (pair.value as Node | null)?.range?.[1] ?? (pair.key as Node | null)?.range?.[1];
  return start !== undefined && valueEnd !== undefined && offset >= start && offset <= valueEnd;
}
