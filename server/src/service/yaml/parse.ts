import { parseDocument, isMap, isScalar, type Document } from 'yaml';
import type { Finding } from '../types';
import { LineIndex } from './lines';

/** One parsed `---` document. Created once per distinct chunk text and shared by every feature. */
export interface ParsedDocument {
  text: string;
  lines: LineIndex;
  /** The yaml AST with source ranges (chunk-relative offsets). */
  doc: Document.Parsed;
  /** The plain value, or undefined when it could not be built (alias bomb, syntax error). */
  value: unknown;
  /** Problems found while parsing: syntax errors, alias bombs, excessive depth. */
  parseFindings: Finding[];
  /** True when the text holds Helm/Go template actions (`{{ … }}`). */
  helm: boolean;
}

/** Aliases beyond this many expansions are treated as an alias bomb. */
const MAX_ALIAS_COUNT = 100;
/** Nesting deeper than this is refused before anything walks the tree. */
export const MAX_DEPTH = 200;

const HELM_ACTION = /\{\{[\s\S]*?\}\}/;

export function parseChunk(text: string): ParsedDocument {
  const lines = new LineIndex(text);
  const helm = HELM_ACTION.test(text);
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  } catch (err) {
    // The parser records most problems as errors; anything it throws is treated the same way.
    doc = parseDocument('');
    return { text, lines, doc, value: undefined, helm, parseFindings: [tooDeepOr(err, text)] };
  }
  const parseFindings: Finding[] = [];
  if (!helm) {
    for (const e of doc.errors) {
      if (/call stack/i.test(e.message)) {
        parseFindings.push(tooDeep(text));
        continue;
      }
      parseFindings.push({
        code: 'yaml-syntax',
        severity: 'error',
        message: `YAML syntax error: ${firstLine(e.message)}`,
        range: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) },
      });
    }
  }
  let value: unknown = undefined;
  if (!helm && doc.errors.length === 0) {
    const depth = measureDepth(doc.contents);
    if (depth > MAX_DEPTH) {
      parseFindings.push(tooDeep(text));
    } else {
      try {
        value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (err) {
        parseFindings.push({
          code: 'yaml-alias-bomb',
          severity: 'error',
          message: `This document's aliases expand to too many nodes (${errorText(err)}), so it was not validated. Replace the nested anchors (&name) and aliases (*name) with plain values.`,
          range: firstContentRange(text),
        });
      }
    }
  }
  return { text, lines, doc, value, parseFindings, helm };
}

function tooDeep(text: string): Finding {
  return {
    code: 'yaml-too-deep',
    severity: 'error',
    message: `This document nests deeper than ${MAX_DEPTH} levels, so it was not validated. Istio resources never nest that deep; check for a runaway generator or unbalanced brackets.`,
    range: firstContentRange(text),
  };
}

function tooDeepOr(err: unknown, text: string): Finding {
  if (err instanceof RangeError) return tooDeep(text);
  return {
    code: 'yaml-syntax',
    severity: 'error',
    message: `YAML syntax error: ${errorText(err)}`,
    range: firstContentRange(text),
  };
}

/** Iterative depth measurement: never recurses, so hostile nesting cannot overflow the stack. */
function measureDepth(root: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (depth > MAX_DEPTH) return depth;
    const items = (node as { items?: unknown[] } | null)?.items;
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      const pair = item as { key?: unknown; value?: unknown };
      if (isMap(node)) {
        stack.push([pair.value, depth + 1]);
      } else {
        stack.push([item, depth + 1]);
      }
    }
  }
  return max;
}

/** The first non-blank, non-comment line of a chunk: where whole-document findings are shown. */
export function firstContentRange(text: string): { start: number; end: number } {
  const re = /^[ \t]*([^\s#][^\n]*)$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1].startsWith('---')) continue;
    const start = m.index + m[0].length - m[1].length;
    return { start, end: start + m[1].trimEnd().length };
  }
  return { start: 0, end: Math.min(text.length, 3) };
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function scalarString(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}
