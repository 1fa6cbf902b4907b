/**
 * The index keeps a Secret's name and type, never its values (issue 12 §1). A file the server reads
 * from disk stays in the index as text, so before it is kept, every value of every Secret in it is
 * overwritten in place: `data`, `stringData`, and the `kubectl.kubernetes.io/last-applied-configuration`
 * annotation, which repeats them. Each character that is not white space becomes `x`, and quotes and
 * block scalar headers stay, so the text has the same length, lines and structure. Every range, every
 * finding and every edit computed on it is the same as on the file itself; only the values differ, and
 * nothing reads those.
 *
 * An open file's text comes from the editor and is not masked: the person sees it anyway.
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, Scalar, type Node } from 'yaml';

/** Files that cannot hold a Secret are returned at once (the check costs one regular expression). */
const MAY_HOLD_SECRET = /\bkind["']?\s*:\s*["']?Secret\b/;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const VALUE_FIELDS = new Set(['data', 'stringData']);

/** `text` with the values of its Secrets masked (the same string when it holds no Secret). */
export function maskSecretValues(text: string): string {
  if (!MAY_HOLD_SECRET.test(text)) return text;
  /** [from, to) spans to mask, in the order they are found. */
  const spans: [number, number][] = [];
  const mask = (node: Scalar): void => {
    const [start, end] = node.range ?? [0, 0];
    // Quotes stay; so does a block scalar's header line (`|`, `>-`, an indentation digit, a comment).
    if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE)
      spans.push([start + 1, end - 1]);
    else if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
      const eol = text.indexOf('\n', start);
      if (eol >= 0 && eol < end) spans.push([eol, end]);
    } else spans.push([start, end]);
  };
  /** Masks every scalar below `node`, keys included (aliases stay: their anchor is masked where it is). */
  const maskAll = (node: unknown): void => {
    // A stack, not recursion: a hostile file can nest thousands of levels deep.
    const stack = [node];
    while (stack.length) {
      const n = stack.pop();
      if (isScalar(n)) mask(n);
      else if (isMap(n)) for (const p of n.items) stack.push(p.key, p.value);
      else if (isSeq(n)) stack.push(...n.items);
    }
  };
  /** Finds Secrets at any depth (a `kind: List` holds them in `items`). */
  const walk = (node: unknown, depth: number): void => {
    if (depth > 64 || isAlias(node)) return;
    if (isSeq(node)) {
      for (const item of node.items) walk(item, depth + 1);
      return;
    }
    if (!isMap(node)) return;
    const kind = node.items.find((p) => scalarValue(p.key) === 'kind');
    const isSecret = kind !== undefined && scalarValue(kind.value) === 'Secret';
    for (const p of node.items) {
      const key = scalarValue(p.key);
      if (isSecret && typeof key === 'string' && VALUE_FIELDS.has(key)) {
        // The keys of `data` are names (a gateway checks for `tls.crt`); what they hold is masked.
        if (isMap(p.value)) for (const entry of p.value.items) maskAll(entry.value);
        else maskAll(p.value);
      } else if (isSecret && key === 'metadata' && isMap(p.value)) {
        const annotations = p.value.items.find((m) => scalarValue(m.key) === 'annotations')?.value;
        if (isMap(annotations))
          for (const a of annotations.items) if (scalarValue(a.key) === LAST_APPLIED) maskAll(a.value);
      } else walk(p.value, depth + 1);
    }
  };
  for (const doc of parseAllDocuments(text, { uniqueKeys: false }) as Iterable<{ contents: Node | null }>)
    walk(doc.contents, 0);
  if (!spans.length) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [from, to] of spans) {
    if (from < at || to <= from) continue;
    out += text.slice(at, from) + text.slice(from, to).replace(/[^ \t\r\n]/g, 'x');
    at = to;
  }
  return out + text.slice(at);
}

function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}
