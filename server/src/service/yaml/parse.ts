import { parseDocument, isMap, isScalar, visit, type Document } from 'yaml';
import type { Finding } from '../types';
import { MAX_PER_CHECK, omittedFinding } from '../checks/caps';
import { cyclic, cyclicAlias } from './cycles';
import { decodeDocument } from './decode';
import { readFast } from './fastRead';
import { outlineOf, outlineRange, type OutlineNode } from './outline';
import { applyEdits, flowDifferences } from './flowScan';
import { KUBE_PARSE_OPTIONS } from './kubeSchema';
import { LineIndex } from './lines';

/**
 * One parsed `---` document, created once per distinct chunk text and shared by every feature.
 *
 * The full reader: the `yaml` package builds the AST with source ranges, with scalars resolved by
 * go-yaml v2's rules (kubeSchema.ts), and decode.ts turns it into the JSON value kubectl would send.
 * Where go-yaml scans a flow collection differently from YAML 1.2 (flowScan.ts), the document is
 * read once more from a rewritten text whose tree is go-yaml's, with ranges mapped back.
 *
 * Most documents are plain enough for the quick reader (fastRead.ts), which builds the same value
 * without an AST; the AST is then built on first use of `doc`, which only placing a finding, hover,
 * completion and the like need. A workspace of clean files is read without building one.
 */
export interface ParsedDocument {
  readonly text: string;
  /** Offset <-> line/character within the chunk. Built on first use. */
  readonly lines: LineIndex;
  /** The yaml AST with source ranges (chunk-relative offsets). Built on first use after a quick reading. */
  readonly doc: Document.Parsed;
  /**
   * False when the quick reader found no plain scalar that YAML 1.1 reads differently from what most
   * people mean (`yes`, `on`, `010`), so the structural check need not walk the AST for them.
   */
  readonly yaml11Spellings: boolean;
  /**
   * After a quick reading, where its keys and one-line values are (outline.ts), so that a finding can
   * be placed without building the AST; undefined when the text is not simple enough, or after a
   * full reading (the AST is there).
   */
  readonly outline?: OutlineNode;
  /** The JSON value kubectl would send, or undefined when it could not be built (syntax error, alias bomb). */
  readonly value: unknown;
  /** Problems found while parsing: syntax errors, alias bombs, excessive depth, duplicate keys. */
  readonly parseFindings: Finding[];
  /** True when the text holds Helm/Go template actions (`{{ … }}`). */
  readonly helm: boolean;
  /** Integers beyond 2^53 exactly as written, by JSON pointer into `value`. */
  readonly exactInts: ReadonlyMap<string, bigint>;
}

/** Nesting deeper than this is refused before anything walks the tree. */
export const MAX_DEPTH = 200;

const HELM_ACTION = /\{\{[\s\S]*?\}\}/;

export function parseChunk(chunkText: string): ParsedDocument {
  const text = lineFeeds(chunkText);
  const helm = HELM_ACTION.test(text);
  const fast = helm ? undefined : readFast(text, MAX_DEPTH);
  return fast ? quickDocument(text, fast.value) : parseFull(text, helm);
}

/** The full reader alone, without the quick one: what the quick reader must agree with (tests). */
export function parseChunkFully(chunkText: string): ParsedDocument {
  const text = lineFeeds(chunkText);
  return parseFull(text, HELM_ACTION.test(text));
}

/**
 * A lone CR ends a line for YAML (and go-yaml) and for LSP, but not for the `yaml` package: it gets a
 * LF instead. Same length, so every offset stays the same.
 */
function lineFeeds(chunkText: string): string {
  return chunkText.includes('\r') ? chunkText.replace(/\r(?!\n)/g, '\n') : chunkText;
}

/** A document the quick reader read: the full reading, for its AST, happens on first use. */
function quickDocument(text: string, value: unknown): ParsedDocument {
  let lines: LineIndex | undefined;
  let full: ParsedDocument | undefined;
  let outline: OutlineNode | undefined | null;
  return {
    text,
    value,
    parseFindings: [],
    helm: false,
    exactInts: new Map(),
    yaml11Spellings: false,
    get doc(): Document.Parsed {
      return (full ??= parseFull(text, false)).doc;
    },
    get outline(): OutlineNode | undefined {
      if (outline === undefined) outline = outlineOf(text, value) ?? null;
      return outline ?? undefined;
    },
    get lines(): LineIndex {
      return (lines ??= new LineIndex(text));
    },
  };
}

function lazyDocument(
  text: string,
  value: unknown,
  parseFindings: Finding[],
  helm: boolean,
  doc: Document.Parsed,
  exactInts: ReadonlyMap<string, bigint> = new Map(),
): ParsedDocument {
  let lines: LineIndex | undefined;
  return {
    text,
    value,
    parseFindings,
    helm,
    doc,
    exactInts,
    yaml11Spellings: true,
    get lines(): LineIndex {
      return (lines ??= new LineIndex(text));
    },
  };
}

function parseKube(text: string): Document.Parsed {
  return parseDocument(text, KUBE_PARSE_OPTIONS);
}

/** The AST first, with its exact errors; then go-yaml's reading of flow collections; then the value. */
function parseFull(text: string, helm: boolean): ParsedDocument {
  let doc: Document.Parsed;
  try {
    doc = parseKube(text);
  } catch (err) {
    // The parser records most problems as errors; anything it throws is treated the same way.
    return lazyDocument(text, undefined, [tooDeepOr(err, text)], helm, parseDocument(''));
  }
  const parseFindings: Finding[] = [];
  if (!helm && doc.errors.length === 0) {
    const flow = flowDifferences(text, doc);
    parseFindings.push(...flow.errors);
    if (flow.edits.length) {
      const rewritten = applyEdits(text, flow.edits);
      try {
        const again = parseKube(rewritten.text);
        remapRanges(again, rewritten.toOriginal);
        doc = again;
      } catch {
        // Keep the first reading.
      }
    }
  }
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
  let exactInts: ReadonlyMap<string, bigint> | undefined;
  if (!helm && parseFindings.length === 0) {
    const depth = measureDepth(doc.contents);
    const loop = depth > MAX_DEPTH ? undefined : cyclicAlias(doc);
    if (depth > MAX_DEPTH) {
      parseFindings.push(tooDeep(text));
    } else if (loop) {
      parseFindings.push(cyclic(loop));
    } else {
      try {
        const decoded = decodeDocument(doc);
        // A bomb is a property of the whole document: shown where the document starts.
        for (const f of decoded.findings) {
          parseFindings.push(f.code === 'yaml-alias-bomb' ? { ...f, range: firstContentRange(text) } : f);
        }
        value = decoded.value;
        exactInts = decoded.exactInts;
      } catch (err) {
        parseFindings.push(tooDeepOr(err, text));
      }
    }
  }
  return lazyDocument(text, value, parseFindings, helm, doc, exactInts);
}

/** Moves every range of a document read from a rewritten text back onto the original text. */
function remapRanges(doc: Document.Parsed, toOriginal: (offset: number) => number): void {
  const map = (r: [number, number, number] | null | undefined): void => {
    if (!r) return;
    for (let i = 0; i < r.length; i++) r[i] = toOriginal(r[i]);
  };
  map(doc.range);
  visit(doc, {
    Node: (_, node) => {
      map(node.range);
    },
  });
  for (const e of [...doc.errors, ...doc.warnings]) {
    e.pos[0] = toOriginal(e.pos[0]);
    e.pos[1] = toOriginal(e.pos[1]);
  }
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

/**
 * The range of a path in a document without building its AST, when its outline knows it exactly:
 * the key with `on: 'key'` (a list item's value), the value with `on: 'value'`. Undefined otherwise:
 * then the AST is asked (nodes.ts locate).
 */
export function quickRange(
  parsed: ParsedDocument,
  path: readonly (string | number)[],
  on: 'key' | 'value',
): { start: number; end: number } | undefined {
  const outline = parsed.outline;
  return outline ? outlineRange(outline, path, on) : undefined;
}

export function scalarString(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}
