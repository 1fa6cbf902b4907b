/**
 * The quick reader (server/src/service/yaml/fastRead.ts) and the outline (outline.ts) against the
 * full reader, which the kubectl probes of test/fixtures/yaml-decoding/ hold to what kubectl sends:
 * - whenever the quick reader gives a value, the full reader gives the same value and has nothing to
 *   say about the document (no syntax error, duplicate key, YAML 1.1 spelling, big integer…);
 * - whenever the outline gives a range for a key or value, the AST gives the same range.
 * On generated documents of every style (keys and scalars that go-yaml reads in surprising ways,
 * flow collections, block scalars, comments, markers, CRLF), and on mutants of the corpus.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { isScalar, visit } from 'yaml';
import { readFast } from '../../server/src/service/yaml/fastRead';
import { isLeadingZeroOctal, YAML11_ONLY_BOOLEANS } from '../../server/src/service/yaml/goScalar';
import { keyRange, locate, valueRange, type PathSegment } from '../../server/src/service/yaml/nodes';
import { MAX_DEPTH, parseChunk, parseChunkFully, quickRange } from '../../server/src/service/yaml/parse';
import { splitDocuments } from '../../server/src/service/yaml/split';
import { mutant, mutate, SEEDS } from './harness';

const KEYS = [
  'name',
  'host',
  'a b',
  'a:b',
  '"quoted key"',
  "'single'",
  '"a: b"',
  'yes',
  'on',
  'true',
  '8080',
  '0x10',
  '1.5',
  '~',
  'null',
  '<<',
  '-x',
  '__proto__',
  'key#1',
  '"esc\\"aped"',
  "'it''s'",
  'é',
];
const SCALARS = [
  'v1',
  'reviews.default.svc.cluster.local',
  '"*"',
  "'*.example.com'",
  '*.example.com',
  './*',
  'yes',
  'No',
  'true',
  'FALSE',
  '010',
  '0o17',
  '0x1F',
  '0b101',
  '1_000',
  '+12',
  '-0',
  '9007199254740993',
  '18446744073709551615',
  '1.5',
  '1e3',
  '.inf',
  '.NaN',
  '~',
  'null',
  '',
  '""',
  "''",
  'a b  ',
  'a #comment',
  'a#b',
  'http://x:80/p?q=1',
  '[GET, POST]',
  '[/api/*]',
  '["a:b", c]',
  '[a:b]',
  '[?x]',
  '{a: 1, b: [x]}',
  '[]',
  '{}',
  '[[1, 2], [3]]',
  '"multi\n  line"',
  'plain\n  continued',
  '"tab\\there"',
  '"\\u00e9\\x41"',
  "'#'",
  '2026-12-02',
  '&anchor value',
  '*alias',
  '!tag value',
  '!!str 12',
  '"unterminated',
  '|\n  block\n  text\n',
  '>-\n  folded\n\n  para\n',
  '|2\n    indented\n',
  '@reserved',
  '%percent',
  'a: b',
];
const COMMENTS = ['', '', '', '  # note', ' #x'];

interface Tree {
  kind: 'map' | 'seq' | 'scalar';
  text?: string;
  entries?: [string, Tree][];
  items?: Tree[];
}

const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...SCALARS).map((text): Tree => ({ kind: 'scalar', text })),
    fc
      .array(fc.tuple(fc.constantFrom(...KEYS), tie('node')), { minLength: 1, maxLength: 4 })
      .map((entries): Tree => ({ kind: 'map', entries })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((items): Tree => ({ kind: 'seq', items })),
  ),
})).node;

interface Style {
  indent: 2 | 4;
  seqInMap: 0 | 2;
  comment: number;
  compact: boolean;
}

/** Renders a tree as block YAML; scalars are written as given, so some documents are invalid. */
function render(node: Tree, col: number, style: Style): string[] {
  const pad = ' '.repeat(col);
  const note = (): string => COMMENTS[style.comment++ % COMMENTS.length];
  const inline = (t: Tree, lead: string, childCol: number): string[] => {
    if (t.kind === 'scalar') {
      const [first, ...rest] = (t.text ?? '').split('\n');
      return [
        `${lead}${first ? ` ${first}` : ''}${first.startsWith('|') || first.startsWith('>') ? '' : note()}`,
        ...rest.map((l) => (l ? ' '.repeat(childCol) + l.trimStart() : l)),
      ];
    }
    return [lead, ...render(t, childCol, style)];
  };
  if (node.kind === 'scalar')
    return inline(node, pad.slice(0, -1) || '', col).map((l, i) => (i === 0 ? l.trimStart() : l));
  if (node.kind === 'map') {
    return node.entries!.flatMap(([k, v]) => {
      const childCol = v.kind === 'seq' ? col + style.seqInMap : col + style.indent;
      return inline(v, `${pad}${k}:`, childCol);
    });
  }
  return node.items!.flatMap((item) => {
    if (style.compact && item.kind !== 'scalar') {
      const inner = render(item, col + 2, style);
      return [`${pad}- ${inner[0].slice(col + 2)}`, ...inner.slice(1)];
    }
    return inline(item, `${pad}-`, col + 2);
  });
}

const document = fc
  .record({
    root: tree,
    style: fc.record({
      indent: fc.constantFrom(2 as const, 4 as const),
      seqInMap: fc.constantFrom(0 as const, 2 as const),
      comment: fc.nat(4),
      compact: fc.boolean(),
    }),
    marker: fc.constantFrom('', '---\n', '--- # start\n'),
    end: fc.constantFrom('', '...\n', '\n\n# trailing\n'),
    crlf: fc.boolean(),
    blank: fc.nat(6),
  })
  .map(({ root, style, marker, end, crlf, blank }) => {
    const lines = render(root, 0, style);
    if (blank < lines.length) lines.splice(blank, 0, '');
    const text = marker + lines.join('\n') + '\n' + end;
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

/** Every path into a plain value, the root included. */
function paths(v: unknown, at: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v !== null && typeof v === 'object')
    for (const k of Object.keys(v)) paths((v as Record<string, unknown>)[k], [...at, k], out);
  return out;
}

let quick = 0;
let placed = 0;

/** The properties, for one `---` chunk. */
function agree(chunk: string): void {
  const fast = readFast(chunk.replace(/\r(?!\n)/g, '\n'), MAX_DEPTH);
  if (!fast) return;
  quick++;
  const full = parseChunkFully(chunk);
  assert.deepEqual(full.parseFindings, [], `the full reader has findings for a quick document:\n${chunk}`);
  assert.equal(full.exactInts.size, 0);
  assert.ok(
    isDeepStrictEqual(full.value, fast.value),
    `values differ:\n${chunk}\nquick: ${JSON.stringify(fast.value)}\nfull: ${JSON.stringify(full.value)}`,
  );
  visit(full.doc, {
    Scalar(_, node) {
      if (!isScalar(node) || node.type !== 'PLAIN' || typeof node.source !== 'string') return;
      assert.ok(
        !YAML11_ONLY_BOOLEANS.has(node.source) && !isLeadingZeroOctal(node.source),
        `a YAML 1.1 spelling in a quick document: ${node.source}`,
      );
    },
  });
  const q = parseChunk(chunk);
  assert.equal(q.yaml11Spellings, false, 'parseChunk took the quick path');
  for (const p of paths(fast.value))
    for (const on of ['key', 'value'] as const) {
      const r = quickRange(q, p, on);
      if (!r) continue;
      placed++;
      const loc = locate(full.doc.contents, p);
      const want = loc && (on === 'key' ? (keyRange(loc.pair) ?? valueRange(loc)) : valueRange(loc));
      assert.deepEqual(r, want, `range of ${JSON.stringify(p)} (${on}) in:\n${chunk}`);
    }
}

test(
  'the quick reader and the outline agree with the full reader on generated documents',
  { timeout: 300_000 },
  () => {
    quick = 0;
    placed = 0;
    fc.assert(
      fc.property(document, (text) => {
        for (const c of splitDocuments(text)) agree(c.text);
      }),
      { seed: 20261203, numRuns: 20_000, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false },
    );
    // The generator must reach the quick path often, and the outline must answer there.
    assert.ok(quick > 500, `only ${quick} quick documents`);
    assert.ok(placed > 2000, `only ${placed} ranges from outlines`);
  },
);

test(
  'the quick reader and the outline agree with the full reader on mutants of the corpus',
  { timeout: 300_000 },
  () => {
    quick = 0;
    fc.assert(
      fc.property(mutant, ({ seed, ms }) => {
        for (const c of splitDocuments(mutate(SEEDS[seed], ms))) agree(c.text);
      }),
      { seed: 20261204, numRuns: 20_000, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false },
    );
    assert.ok(quick > 500, `only ${quick} quick documents`);
  },
);
