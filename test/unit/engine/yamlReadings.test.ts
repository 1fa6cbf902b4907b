import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseChunk } from '../../../server/src/service/yaml/parse';

/**
 * Property tests of the one YAML reader. Each generated document comes with the value kubectl sends
 * for it, built from the spellings below (go-yaml v2's YAML 1.1 rules, each one checked against the
 * real kubectl by the probes in test/fixtures/yaml-decoding/), never from the code under test.
 */
const SPELLINGS: [string, unknown][] = [
  ['yes', true],
  ['Yes', true],
  ['on', true],
  ['ON', true],
  ['y', true],
  ['True', true],
  ['no', false],
  ['Off', false],
  ['N', false],
  ['FALSE', false],
  ['~', null],
  ['null', null],
  ['Null', null],
  ['010', 8],
  ['0o17', 15],
  ['0x1F', 31],
  ['0b1010', 10],
  ['0b101', 5],
  ['1_000', 1000],
  ['08', 8],
  ['+10', 10],
  ['-0x1F', -31],
  ['1e3', 1000],
  ['.5', 0.5],
  ['1.0', 1],
  ['12:30', '12:30'],
  ['2001-12-14', '2001-12-14'],
  ['1.2.3.4', '1.2.3.4'],
  ['tRUE', 'tRUE'],
  ['yES', 'yES'],
  ['1e400', '1e400'],
  ['0x', '0x'],
  ['_100', '_100'],
];
const BOOLEAN_WORDS = /^(y|n|yes|no|on|off|true|false|null)$/i;

type Tree = { yaml: string; value: unknown } | { seq: Tree[] } | { map: [string, Tree][] };

const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,7}$/).filter((w) => !BOOLEAN_WORDS.test(w));
const leaf: fc.Arbitrary<Tree> = fc.oneof(
  fc.constantFrom(...SPELLINGS).map(([yaml, value]) => ({ yaml, value })),
  word.map((w) => ({ yaml: w, value: w })),
  // Without `{{`: a document with template actions is Helm's, and deliberately left unread.
  fc
    .string({ maxLength: 12 })
    .filter((s) => !s.includes('{{'))
    .map((s) => ({ yaml: JSON.stringify(s), value: s })),
  fc.integer({ min: -1e6, max: 1e6 }).map((n) => ({ yaml: String(n), value: n })),
);
const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('tree'), { maxLength: 4 }).map((seq) => ({ seq })),
    fc
      .uniqueArray(fc.tuple(word, tie('tree')), { maxLength: 4, selector: ([k]) => k })
      .map((map) => ({ map })),
  ),
}));
const root = fc
  .uniqueArray(fc.tuple(word, tree), { minLength: 1, maxLength: 5, selector: ([k]) => k })
  .map((map): Tree => ({ map }));

function expected(t: Tree): unknown {
  if ('yaml' in t) return t.value;
  if ('seq' in t) return t.seq.map(expected);
  return Object.fromEntries(t.map.map(([k, v]) => [k, expected(v)]));
}

/** Flow style: `[a, b]`, `{k: v}`. */
function flow(t: Tree): string {
  if ('yaml' in t) return t.yaml;
  if ('seq' in t) return `[${t.seq.map(flow).join(', ')}]`;
  return `{${t.map.map(([k, v]) => `${k}: ${flow(v)}`).join(', ')}}`;
}

/** Block style where `block` says so, flow style inside flow collections and for empty ones. */
function render(t: Tree, indent: string, block: (t: Tree) => boolean): string[] {
  if ('map' in t) {
    return t.map.flatMap(([k, v]) => {
      if ('yaml' in v || !block(v) || isEmpty(v)) return [`${indent}${k}: ${flow(v)}`];
      return [`${indent}${k}:`, ...render(v, `${indent}  `, block)];
    });
  }
  if ('seq' in t) {
    return t.seq.map((v) => `${indent}- ${flow(v)}`);
  }
  return [`${indent}${t.yaml}`];
}

function isEmpty(t: Tree): boolean {
  return ('seq' in t && t.seq.length === 0) || ('map' in t && t.map.length === 0);
}

test('every generated document reads as kubectl reads it, in block and in flow style', () => {
  fc.assert(
    fc.property(root, fc.func(fc.boolean()), (doc, style) => {
      const blockText = render(doc, '', (t) => style(flow(t))).join('\n');
      const flowText = `${flow(doc)}\n`;
      for (const text of [blockText, flowText]) {
        const parsed = parseChunk(text);
        assert.deepEqual(parsed.parseFindings, [], text);
        assert.deepEqual(parsed.value, expected(doc), text);
      }
    }),
    { numRuns: 400 },
  );
});

test('the AST that hover, completion and rules read holds the same scalars as the value', () => {
  fc.assert(
    fc.property(root, fc.func(fc.boolean()), (doc, style) => {
      for (const text of [render(doc, '', (t) => style(flow(t))).join('\n'), flow(doc)]) {
        const parsed = parseChunk(text);
        assert.deepEqual(parsed.doc.toJS(), parsed.value, text);
      }
    }),
    { numRuns: 300 },
  );
});

test('0b101 is 5 and on is true wherever it is read', () => {
  const parsed = parseChunk('a: 0b101\nb: [0b101, on]\nc: {d: 0b101}\n');
  assert.deepEqual(parsed.value, { a: 5, b: [5, true], c: { d: 5 } });
  assert.deepEqual(parsed.doc.toJS(), parsed.value);
});
