import { load as loadFast, CORE_SCHEMA } from 'js-yaml';
import { parseDocument, isMap, isScalar, type Document } from 'yaml';
import type { Finding } from '../types';
import { MAX_PER_CHECK, omittedFinding } from '../checks/caps';
import { cyclic, cyclicAlias } from './cycles';
import { LineIndex } from './lines';

/**
 * One parsed `---` document, created once per distinct chunk text and shared by every feature.
 *
 * Two parsers, one result. The plain value comes from js-yaml, which is about ten times faster than
 * building a full AST; the `yaml` AST with source ranges is built only when something needs a
 * position (a finding, hover, completion, the outline). A document that js-yaml refuses, or that
 * uses aliases, goes straight to `yaml`, whose errors carry exact ranges and whose alias expansion
 * is bounded.
 */
export interface ParsedDocument {
  readonly text: string;
  /** Offset <-> line/character within the chunk. Built on first use. */
  readonly lines: LineIndex;
  /** The yaml AST with source ranges (chunk-relative offsets). Built on first use. */
  readonly doc: Document.Parsed;
  /** The plain value, or undefined when it could not be built (alias bomb, syntax error). */
  readonly value: unknown;
  /** Problems found while parsing: syntax errors, alias bombs, excessive depth. */
  readonly parseFindings: Finding[];
  /** True when the text holds Helm/Go template actions (`{{ … }}`). */
  readonly helm: boolean;
}

/** Aliases beyond this many expansions are treated as an alias bomb. */
const MAX_ALIAS_COUNT = 100;
/** Nesting deeper than this is refused before anything walks the tree. */
export const MAX_DEPTH = 200;

const HELM_ACTION = /\{\{[\s\S]*?\}\}/;
/** An alias (`*name`) where YAML allows one: the fast path leaves those documents to `yaml`. */
const ALIAS = /(^|[\s[{,:-])\*[^\s,[\]{}]/m;

export function parseChunk(chunkText: string): ParsedDocument {
  // A lone CR ends a line for YAML (and go-yaml), LSP and js-yaml, but not for the `yaml` package:
  // give it a LF instead. Same length, so every offset stays the same.
  const text = chunkText.includes('\r') ? chunkText.replace(/\r(?!\n)/g, '\n') : chunkText;
  const helm = HELM_ACTION.test(text);
  if (!helm && !ALIAS.test(text)) {
    const fast = tryFast(text);
    if (fast) return fast;
  }
  return parseFull(text, helm);
}

/** The js-yaml path: a value only, with the AST and line index built lazily. */
function tryFast(text: string): ParsedDocument | undefined {
  let value: unknown;
  try {
    value = loadFast(text, { schema: CORE_SCHEMA });
  } catch {
    // Syntax errors, duplicate keys, several documents, a stack overflow: let `yaml` report them.
    return undefined;
  }
  if (value === undefined) value = null;
  if (valueDepth(value) > MAX_DEPTH) return undefined;
  return lazyDocument(text, value, [], false);
}

function lazyDocument(
  text: string,
  value: unknown,
  parseFindings: Finding[],
  helm: boolean,
  builtDoc?: Document.Parsed,
): ParsedDocument {
  let doc = builtDoc;
  let lines: LineIndex | undefined;
  return {
    text,
    value,
    parseFindings,
    helm,
    get doc(): Document.Parsed {
      return (doc ??= astOf(text));
    },
    get lines(): LineIndex {
      return (lines ??= new LineIndex(text));
    },
  };
}

function astOf(text: string): Document.Parsed {
  try {
    return parseDocument(text, { uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  } catch {
    return parseDocument('');
  }
}

/** The `yaml` path: the AST first, with its exact errors; the value from it, with bounded aliases. */
function parseFull(text: string, helm: boolean): ParsedDocument {
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  } catch (err) {
    // The parser records most problems as errors; anything it throws is treated the same way.
    return lazyDocument(text, undefined, [tooDeepOr(err, text)], helm, parseDocument(''));
  }
  const parseFindings: Finding[] = [];
  if (!helm) {
    let syntaxErrors = 0;
    for (const e of doc.errors) {
      if (/call stack/i.test(e.message)) {
        parseFindings.push(tooDeep(text));
        continue;
      }
      // Bounded: past the cap the errors are only counted (see checks/caps.ts).
      if (++syntaxErrors > MAX_PER_CHECK) continue;
      parseFindings.push({
        code: 'yaml-syntax',
        severity: 'error',
        message: `YAML syntax error: ${firstLine(e.message)}`,
        range: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) },
      });
    }
    if (syntaxErrors > MAX_PER_CHECK)
      parseFindings.push(omittedFinding('yaml-syntax', syntaxErrors - MAX_PER_CHECK));
  }
  let value: unknown = undefined;
  if (!helm && doc.errors.length === 0) {
    const depth = measureDepth(doc.contents);
    const loop = depth > MAX_DEPTH ? undefined : cyclicAlias(doc);
    if (depth > MAX_DEPTH) {
      parseFindings.push(tooDeep(text));
    } else if (loop) {
      parseFindings.push(cyclic(loop));
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
  return lazyDocument(text, value, parseFindings, helm, doc);
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

/** Depth of a plain value, measured without recursion. */
function valueDepth(root: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (depth > MAX_DEPTH) return depth;
    if (node !== null && typeof node === 'object') {
      for (const child of Array.isArray(node) ? node : Object.values(node)) {
        if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
      }
    }
  }
  return max;
}

/** Depth of a `yaml` AST, measured without recursion. */
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
      stack.push([isMap(node) ? (item as { value?: unknown }).value : item, depth + 1]);
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
