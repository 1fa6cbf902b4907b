import { isCollection, visit, type Document } from 'yaml';
import type { Finding } from '../types';

/** A replacement in the chunk's text: `[start, end)` becomes `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface FlowDifferences {
  /** Places go-yaml refuses to parse, which the YAML 1.2 reader accepts. */
  errors: Finding[];
  /** Rewrites that make the YAML 1.2 reader see what go-yaml sees. Empty when there are errors. */
  edits: TextEdit[];
}

const FLOW_INDICATORS = ',?[]{}';

function blankOrEnd(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/**
 * Inside `[...]` and `{...}`, go-yaml v2 scans plain scalars by its own rules, which differ from
 * YAML 1.2 in three ways:
 * - a plain scalar ends at `:` only when a blank follows, so `[001:db8::]` and `[a:, b]` hold the
 *   strings `001:db8::` and `a:` (YAML 1.2 ends them at a `:` before `,` `]` `}`);
 * - `?` ends a plain scalar, and a `?` anywhere but at the start of an entry is an error
 *   (`{a?b: c}`, `[http://h/p?q=1]`); at the start of an entry it is a key indicator even without a
 *   blank after it (`[?b]` holds the map {b: null});
 * - a `:` that starts an entry and has no blank after it is an error (`[::1]`).
 * The edits quote the scalars that contain `:` (such a scalar is always a string in go-yaml) and put
 * a blank after an entry's `?`, so that the YAML 1.2 reader builds the tree go-yaml builds.
 */
export function flowDifferences(text: string, doc: Document.Parsed): FlowDifferences {
  const out: FlowDifferences = { errors: [], edits: [] };
  if (!text.includes('[') && !text.includes('{')) return out;
  const ranges: [number, number][] = [];
  visit(doc, {
    Map: (_, node) => collect(node),
    Seq: (_, node) => collect(node),
  });
  function collect(node: unknown): symbol | undefined {
    if (!isCollection(node) || !node.flow || !node.range) return undefined;
    ranges.push([node.range[0], node.range[1]]);
    return visit.SKIP;
  }
  for (const [start, end] of ranges) {
    if (!scanFlow(text, start, end, out)) break;
  }
  if (out.errors.length) out.edits = [];
  return out;
}

function scanFlow(text: string, start: number, end: number, out: FlowDifferences): boolean {
  let pos = start;
  let entryStart = true;
  let depth = 0;
  const fail = (at: number, message: string): boolean => {
    out.errors.push({
      code: 'yaml-syntax',
      severity: 'error',
      message: `YAML syntax error: ${message}`,
      range: { start: at, end: at + 1 },
    });
    return false;
  };
  while (pos < end) {
    const c = text[pos];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      pos++;
    } else if (c === '#' && blankOrEnd(text[pos - 1])) {
      while (pos < end && text[pos] !== '\n') pos++;
    } else if (c === '[' || c === '{') {
      depth++;
      entryStart = true;
      pos++;
    } else if (c === ']' || c === '}') {
      depth--;
      entryStart = false;
      pos++;
      if (depth <= 0) return true;
    } else if (c === ',') {
      entryStart = true;
      pos++;
    } else if (c === '?') {
      if (!entryStart) {
        return fail(
          pos,
          "kubectl cannot read this: inside [ ] or { } a '?' ends the value before it (did not find expected ',' or the closing bracket). Quote the value.",
        );
      }
      if (!blankOrEnd(text[pos + 1])) out.edits.push({ start: pos + 1, end: pos + 1, text: ' ' });
      pos++;
    } else if (c === ':') {
      if (entryStart && !blankOrEnd(text[pos + 1]) && !FLOW_INDICATORS.includes(text[pos + 1])) {
        return fail(
          pos,
          "kubectl cannot read this: inside [ ] or { } a value cannot start with ':' (did not find expected node content). Quote the value.",
        );
      }
      entryStart = true;
      pos++;
    } else if (c === '"' || c === "'") {
      pos = skipQuoted(text, pos, end);
      entryStart = false;
    } else if (c === '&' || c === '!' || c === '*') {
      pos++;
      while (pos < end && !blankOrEnd(text[pos]) && !FLOW_INDICATORS.includes(text[pos])) pos++;
      if (c === '*') entryStart = false;
    } else {
      const scalarStart = pos;
      const scalarEnd = scanPlain(text, pos, end);
      pos = scalarEnd;
      entryStart = false;
      const raw = text.slice(scalarStart, scalarEnd);
      if (raw.includes(':'))
        out.edits.push({ start: scalarStart, end: scalarEnd, text: JSON.stringify(fold(raw)) });
    }
  }
  return true;
}

function skipQuoted(text: string, pos: number, end: number): number {
  const q = text[pos++];
  while (pos < end) {
    const c = text[pos];
    if (q === '"' && c === '\\') pos += 2;
    else if (c === q) {
      if (q === "'" && text[pos + 1] === "'") pos += 2;
      else return pos + 1;
    } else pos++;
  }
  return pos;
}

/** go-yaml's plain scalar in a flow collection: returns where it ends (after its last non-blank). */
function scanPlain(text: string, pos: number, end: number): number {
  let last = pos;
  for (;;) {
    while (pos < end && !blankOrEnd(text[pos])) {
      const c = text[pos];
      if (c === ':' && blankOrEnd(text[pos + 1])) return last;
      if (FLOW_INDICATORS.includes(c)) return last;
      pos++;
      last = pos;
    }
    let q = pos;
    while (q < end && blankOrEnd(text[q])) q++;
    if (q >= end || text[q] === '#') return last;
    const c = text[q];
    if ((c === ':' && blankOrEnd(text[q + 1])) || FLOW_INDICATORS.includes(c)) return last;
    pos = q;
  }
}

/** Line folding of a multi-line plain scalar: one break is a space, n breaks are n-1 newlines. */
function fold(raw: string): string {
  const lines = raw.split(/\r?\n/).map((l) => l.trim());
  let out = lines[0];
  let breaks = 0;
  for (const line of lines.slice(1)) {
    if (line === '') {
      breaks++;
      continue;
    }
    out += breaks ? '\n'.repeat(breaks) : ' ';
    out += line;
    breaks = 0;
  }
  return out;
}

/** Applies edits (sorted, non-overlapping) and returns the new text with a map back to old offsets. */
export function applyEdits(
  text: string,
  edits: readonly TextEdit[],
): { text: string; toOriginal: (o: number) => number } {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let result = '';
  let last = 0;
  const spans: { newStart: number; newEnd: number; start: number; end: number }[] = [];
  for (const e of sorted) {
    result += text.slice(last, e.start);
    const newStart = result.length;
    result += e.text;
    spans.push({ newStart, newEnd: result.length, start: e.start, end: e.end });
    last = e.end;
  }
  result += text.slice(last);
  const toOriginal = (o: number): number => {
    let shift = 0;
    for (const s of spans) {
      if (o < s.newStart) break;
      if (o < s.newEnd) return s.start + Math.min(o - s.newStart, s.end - s.start);
      shift = s.newEnd - s.end;
    }
    return o - shift;
  };
  return { text: result, toOriginal };
}
