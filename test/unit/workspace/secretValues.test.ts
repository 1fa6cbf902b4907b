/**
 * maskSecretValues (server/src/service/workspace/secretValues.ts): before a file read from disk is
 * kept in the index, the values of its Secrets are overwritten in place. What must hold, from issue 12
 * ("Secret: names and types only; values are never kept") and from the promise that every range and
 * edit stays right: the text keeps its length and its line breaks; it reads as the same documents
 * with the same errors; everything but the Secret values reads the same; every Secret value reads as
 * `x`s and white space only.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { maskSecretValues } from '../../../server/src/service/workspace/secretValues';

interface Read {
  values: unknown[];
  errors: number;
}

function read(text: string): Read {
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [];
  return {
    values: list.map((d) => d.toJS({ maxAliasCount: -1 }) as unknown),
    errors: list.reduce((n, d) => n + d.errors.length, 0),
  };
}

const onlyMask = (v: unknown): boolean => typeof v === 'string' && /^[x \t\r\n]*$/.test(v);

const SAFE = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./+='.split('');
/** Words that every YAML schema reads as strings (no number, boolean or null spelling). */
const safeWord = fc
  .array(fc.constantFrom(...SAFE), { minLength: 1, maxLength: 24 })
  .map((cs) => cs.join(''))
  .filter((w) => /^[a-zA-Z]/.test(w) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(w));
const anyText = fc.string({ unit: 'binary', maxLength: 30 });
const printable = fc.string({ unit: fc.constantFrom(...SAFE, ' ', '#', ':', '"', "'", '\\'), maxLength: 30 });

/** A value of a Secret, rendered in one YAML style at `indent`: [the YAML text after `key:`, the value]. */
const rendered = (indent: string): fc.Arbitrary<[string, string]> =>
  fc.oneof(
    safeWord.map((w): [string, string] => [` ${w}`, w]),
    anyText.map((s): [string, string] => [` ${JSON.stringify(s)}`, s]),
    printable.map((s): [string, string] => [` '${s.replace(/'/g, "''")}'`, s]),
    fc
      .array(safeWord, { minLength: 1, maxLength: 4 })
      .map((ls): [string, string] => [
        ` |\n${ls.map((l) => `${indent}  ${l}`).join('\n')}`,
        `${ls.join('\n')}\n`,
      ]),
    fc
      .array(safeWord, { minLength: 1, maxLength: 4 })
      .map((ls): [string, string] => [` >-\n${ls.map((l) => `${indent}  ${l}`).join('\n')}`, ls.join(' ')]),
  );

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: shop}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: "v1"}
`;

const secretDoc = fc
  .record({
    name: safeWord,
    data: fc.uniqueArray(fc.tuple(safeWord, rendered('  ')), { selector: (e) => e[0], maxLength: 5 }),
    stringData: fc.uniqueArray(fc.tuple(safeWord, rendered('  ')), { selector: (e) => e[0], maxLength: 5 }),
    applied: fc.option(anyText, { nil: undefined }),
    crlf: fc.boolean(),
  })
  .map(({ name, data, stringData, applied, crlf }) => {
    const lines = ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${name}`, '  labels: {app: web}'];
    if (applied !== undefined)
      lines.push(
        '  annotations:',
        `    kubectl.kubernetes.io/last-applied-configuration: ${JSON.stringify(applied)}`,
      );
    lines.push('type: Opaque');
    for (const [field, entries] of [
      ['data', data],
      ['stringData', stringData],
    ] as const) {
      if (!entries.length) continue;
      lines.push(`${field}:`);
      for (const [key, [yaml]] of entries) lines.push(`  ${key}:${yaml}`);
    }
    const text = `${lines.join('\n')}\n`;
    return {
      text: crlf ? text.replace(/\n/g, '\r\n') : text,
      name,
      keys: { data: data.map((e) => e[0]), stringData: stringData.map((e) => e[0]) },
      values: [...data, ...stringData].map((e) => e[1][1]),
      applied,
    };
  });

test('a Secret among other documents: same length, lines and errors; only its values change, to x', () => {
  fc.assert(
    fc.property(secretDoc, fc.boolean(), (secret, first) => {
      const text = first ? `${secret.text}---\n${VS}` : `${VS}---\n${secret.text}`;
      const masked = maskSecretValues(text);
      assert.equal(masked.length, text.length);
      for (let i = 0; i < text.length; i++)
        assert.equal(
          masked[i] === '\n' || masked[i] === '\r',
          text[i] === '\n' || text[i] === '\r',
          `at ${i}`,
        );
      const before = read(text);
      const after = read(masked);
      assert.equal(before.errors, 0, text);
      assert.equal(after.errors, 0, masked);
      assert.equal(after.values.length, 2);
      const [s, other] = (first ? after.values : [...after.values].reverse()) as [
        Record<string, Record<string, unknown>>,
        unknown,
      ];
      const [sBefore] = (first ? before.values : [...before.values].reverse()) as [typeof s];
      // The VirtualService reads exactly as before.
      assert.deepEqual(other, first ? before.values[1] : before.values[0]);
      // The Secret keeps its identity, type and key names.
      assert.equal(s.metadata.name, secret.name);
      assert.deepEqual(s.metadata.labels, { app: 'web' });
      assert.equal(s.type, 'Opaque');
      assert.equal(s.kind, 'Secret');
      for (const field of ['data', 'stringData'] as const)
        assert.deepEqual(Object.keys(s[field] ?? {}), secret.keys[field]);
      // The values as written (the generator's) are what the unmasked text holds…
      assert.deepEqual(
        [...Object.values(sBefore.data ?? {}), ...Object.values(sBefore.stringData ?? {})],
        secret.values,
      );
      // …and none of them survives the mask.
      for (const v of [...Object.values(s.data ?? {}), ...Object.values(s.stringData ?? {})])
        assert.ok(onlyMask(v), JSON.stringify(v));
      const annotations = (s.metadata.annotations ?? {}) as Record<string, unknown>;
      if (secret.applied !== undefined)
        assert.ok(onlyMask(annotations['kubectl.kubernetes.io/last-applied-configuration']));
    }),
    { numRuns: 300 },
  );
});

test('a file without a Secret comes back as the same string, comments that mention one included', () => {
  for (const text of [VS, `# kind: Secret\n${VS}`, 'kind: SecretProviderClass\nspec: {a: b}\n', '']) {
    assert.equal(maskSecretValues(text), text);
  }
});

test('Secrets in a List, in JSON, and with anchors: values masked, aliases and names kept', () => {
  const list = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Secret
  metadata: {name: a}
  data: {k: c2VjcmV0}
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: b}
  data: {k: plain-config}
`;
  assert.equal(
    maskSecretValues(list),
    list.replace('{k: c2VjcmV0}', '{k: xxxxxxxx}'),
    'the ConfigMap in the same List keeps its data',
  );
  const json =
    '{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "j"}, "stringData": {"pw": "hunter2"}}\n';
  assert.equal(maskSecretValues(json), json.replace('"hunter2"', '"xxxxxxx"'));
  const anchors = `kind: Secret
metadata: {name: s}
stringData:
  first: &pw hunter2
  second: *pw
`;
  const masked = maskSecretValues(anchors);
  assert.equal(masked, anchors.replace('&pw hunter2', '&pw xxxxxxx'));
  assert.deepEqual(read(masked).values[0], {
    kind: 'Secret',
    metadata: { name: 's' },
    stringData: { first: 'xxxxxxx', second: 'xxxxxxx' },
  });
});

test('broken or deeply nested YAML in a Secret file: the mask keeps the same errors and never throws', () => {
  const broken = `kind: Secret
metadata: {name: s
stringData:
  pw: "unterminated
`;
  const masked = maskSecretValues(broken);
  assert.equal(masked.length, broken.length);
  assert.equal(read(masked).errors, read(broken).errors);
  assert.ok(!masked.includes('unterminated'));
  // Nested 300 levels deep (the walk uses a stack), and 20,000 (the reader gives up on it).
  for (const n of [300, 20_000]) {
    const deep = `kind: Secret\nmetadata: {name: s}\ndata:\n  k: ${'['.repeat(n)}hunter2${']'.repeat(n)}\n`;
    const out = maskSecretValues(deep);
    assert.equal(out.length, deep.length);
    if (n === 300) assert.ok(!out.includes('hunter2'));
  }
});
