import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { parseChunk } from '../../../server/src/service/yaml/parse';
import { splitDocuments } from '../../../server/src/service/yaml/split';
import { ROOT } from '../helpers';

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(e)) out.push(p);
  }
  return out;
}

test('the fast value and the yaml AST agree on every document of the fixtures and samples', () => {
  const files = [...yamlFiles(join(ROOT, 'test', 'fixtures')), ...yamlFiles(join(ROOT, 'samples'))];
  assert.ok(files.length > 20);
  let compared = 0;
  for (const f of files) {
    for (const chunk of splitDocuments(readFileSync(f, 'utf8'))) {
      const parsed = parseChunk(chunk.text);
      const reference = parseDocument(chunk.text, { uniqueKeys: true });
      if (reference.errors.length) {
        assert.equal(parsed.value, undefined, `${f}:${chunk.line}: a broken document has no value`);
        continue;
      }
      assert.deepEqual(parsed.value, reference.toJS() ?? null, `${f}:${chunk.line}`);
      compared++;
    }
  }
  assert.ok(compared > 50, `compared ${compared} documents`);
});

test('scalars resolve the same way in both parsers (YAML 1.2 core schema)', () => {
  const text = [
    'a: yes',
    'b: on',
    'c: 0o17',
    'd: 0x1F',
    'e: 1e3',
    'f: .inf',
    'g: ~',
    'h: 2024-01-01',
    'i: "8080"',
    'j: 010',
    'k: True',
    '8080: port',
    'l: 1.0',
  ].join('\n');
  assert.deepEqual(parseChunk(text).value, parseDocument(text).toJS());
});

test('documents with aliases take the bounded path', () => {
  const text = 'a: &x {k: 1}\nb: *x\n';
  const parsed = parseChunk(text);
  assert.deepEqual(parsed.value, { a: { k: 1 }, b: { k: 1 } });
});

test('the AST is built only when a position is needed', () => {
  const parsed = parseChunk('apiVersion: v1\nkind: ConfigMap\n');
  const descriptor = Object.getOwnPropertyDescriptor(parsed, 'doc');
  assert.equal(typeof descriptor?.get, 'function');
  assert.equal(parsed.doc.contents?.range?.[0], 0);
});
