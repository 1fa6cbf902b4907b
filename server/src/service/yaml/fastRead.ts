import { FAILSAFE_SCHEMA, Type, load } from 'js-yaml';
import { isLeadingZeroOctal, resolvePlain, YAML11_ONLY_BOOLEANS } from './goScalar';
import { quotedEnd } from './outline';

/**
 * The quick reading of a document: its value only, without an AST, for the plain majority of
 * Kubernetes YAML (block maps and lists, quoted and block scalars, one-line flow lists of words).
 *
 * js-yaml builds the value about ten times faster than the `yaml` AST is built. It is used only where
 * it provably gives what the full reader (parse.ts: the `yaml` AST, then decode.ts) gives, which is
 * what kubectl sends:
 * - a screen of the text sends anything else to the full reader: anchors, aliases, tags, merge keys,
 *   directives, complex keys, tabs, a BOM, and flow collections that go-yaml scans differently
 *   (flowScan.ts) or that span lines;
 * - plain scalars are resolved by go-yaml's rules (goScalar.ts); any that the full reader would
 *   comment on (`yes`, `010`), and nulls, floats and integers beyond 2^53, whose keys or values need
 *   the full reader's care, also send the document there;
 * - whatever js-yaml refuses (a syntax error, a duplicate key, several documents) goes there too.
 * test/fuzz/fastRead.test.ts checks the agreement on generated documents; the kubectl probes of
 * test/fixtures/yaml-decoding/ run through both readers.
 */
export type FastReading = { value: unknown } | undefined;

class NotFast extends Error {}
const NOT_FAST = new NotFast('not for the quick reader');

/** Plain scalars read by go-yaml's rules; only `true`/`false` spellings and safe integers stay here. */
const goPlain = new Type('tag:yaml.org,2002:go-plain', {
  kind: 'scalar',
  resolve(text: string): boolean {
    const r = resolvePlain(text);
    switch (r.kind) {
      case 'string':
        return false;
      case 'bool':
        if (YAML11_ONLY_BOOLEANS.has(text)) throw NOT_FAST;
        return true;
      case 'int':
        if (r.unsigned || !Number.isSafeInteger(r.value) || isLeadingZeroOctal(text)) throw NOT_FAST;
        return true;
      default:
        throw NOT_FAST;
    }
  },
  construct: (text: string): unknown => resolvePlain(text).value,
});

const GO_SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [goPlain] });

/** Anchors, aliases and tags (`&a`, `*a`, `!t`, `! x`) where a node may start. */
const NODE_PROPERTY = /(?:^|[\s,[\]{}])(?:!|[&*][^\s,[\]{}])/;
/**
 * Directives, complex keys, merge keys, tabs, byte-order marks, a list item with nothing on its line
 * (js-yaml misreads the items that follow it), and a document marker with content after it.
 */
const OTHER_CONSTRUCTS =
  /^%|^[ \t-]*\?(?:[ \t]|$)|<<|\t|\uFEFF|^ *(?:- +)*-(?: +#[^\n]*)? *\r?$|^(?:---|\.\.\.)(?!(?: +#[^\n]*)? *\r?$)/m;
/** Where a quoted scalar can start: a line's content, after `- `, `: `, or a flow indicator. */
const QUOTE_START = /(?:^ *(?:- +)*|: +|[[{,] *)(["'])/gm;
/** `yaml` refuses an implicit key longer than 1024 characters; js-yaml does not. */
const MAX_LINE = 1000;
/**
 * Inside a flow collection: a `:` with no blank after it or at the start of an entry, a `?`, a
 * collection used as a key, or a comment with no blank before it.
 */
const FLOW_DIFFERENCE = /\?|:[^\s]|[\]}][ \t]*:|[\]}]#|[[{,] *:/;

/** The value, or undefined when the document is for the full reader. */
export function readFast(text: string, maxDepth: number): FastReading {
  if (
    NODE_PROPERTY.test(text) ||
    OTHER_CONSTRUCTS.test(text) ||
    longLine(text) ||
    !simpleFlows(text) ||
    quoteSpansLines(text)
  )
    return undefined;
  let value: unknown;
  try {
    value = load(text, { schema: GO_SCHEMA });
  } catch {
    // NotFast, a YAML error, a duplicate key, a stack overflow: the full reader says what it is.
    return undefined;
  }
  value ??= null;
  return depthWithin(value, maxDepth) ? { value } : undefined;
}

/**
 * A quoted scalar that does not close on its line (js-yaml and `yaml` disagree on how far its
 * continuation lines must be indented), or that a comment follows with no blank between.
 */
function quoteSpansLines(text: string): boolean {
  QUOTE_START.lastIndex = 0;
  for (let m = QUOTE_START.exec(text); m; m = QUOTE_START.exec(text)) {
    const open = m.index + m[0].length - 1;
    let end = text.indexOf('\n', open);
    if (end === -1) end = text.length;
    const close = quotedEnd(text, open, end);
    if (close === undefined) return true;
    // A comment right after the closing quote is an error for `yaml`, not for js-yaml.
    if (text[close] === '#') return true;
    QUOTE_START.lastIndex = close;
  }
  return false;
}

function longLine(text: string): boolean {
  for (let start = 0; start < text.length;) {
    const end = text.indexOf('\n', start);
    if ((end === -1 ? text.length : end) - start > MAX_LINE) return true;
    if (end === -1) break;
    start = end + 1;
  }
  return false;
}

/** True when every flow collection opens and closes on one line and reads the same in go-yaml. */
function simpleFlows(text: string): boolean {
  const open = /[[{]/g;
  for (let m = open.exec(text); m; m = open.exec(text)) {
    let end = text.indexOf('\n', m.index);
    if (end === -1) end = text.length;
    const rest = text.slice(m.index, end);
    if (FLOW_DIFFERENCE.test(rest)) return false;
    let depth = 0;
    for (let i = 0; i < rest.length; i++) {
      const c = rest.charCodeAt(i);
      if (c === 0x5b || c === 0x7b) depth++;
      else if (c === 0x5d || c === 0x7d) depth--;
    }
    if (depth !== 0) return false;
    open.lastIndex = end;
  }
  return true;
}

/** Nesting of a plain value, counted as parse.ts counts the AST's (leaves too), without recursion. */
function depthWithin(root: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const children = Array.isArray(v) ? v : Object.values(v);
    if (children.length && depth + 1 > max) return false;
    for (const child of children) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return true;
}
