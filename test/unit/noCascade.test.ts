import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { diagnose, ROOT } from './helpers';

/**
 * Issue 11 §4: one mistake gives one diagnostic. For every wrong-type error in the fixture files,
 * no other error may sit on the same field or on one of the fields that contain it (found by YAML
 * indentation: the nearest less-indented lines above, up to the top-level key).
 */
const FIXTURES = join(ROOT, 'test', 'fixtures');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const indentOf = (line: string): number => line.length - line.replace(/^[ -]*/, '').length;

/** The line itself and the lines of the fields that contain it, below the top level. */
function fieldAndParents(lines: string[], line: number): number[] {
  const out = [line];
  let indent = indentOf(lines[line] ?? '');
  for (let i = line - 1; i >= 0 && indent > 0; i--) {
    const text = lines[i];
    if (text.trim() === '' || text.trim().startsWith('#')) continue;
    if (/^---/.test(text)) break;
    const ind = indentOf(text);
    if (ind < indent) {
      if (ind === 0) break;
      out.push(i);
      indent = ind;
    }
  }
  return out;
}

test('the fixture corpus has wrong-type errors to check', () => {
  const count = yamlFiles(FIXTURES)
    .map((f) => diagnose(readFileSync(f, 'utf8')).filter((d) => d.code === 'invalid-type').length)
    .reduce((a, b) => a + b, 0);
  assert.ok(count >= 3, `only ${count} invalid-type errors in the fixtures`);
});

for (const file of yamlFiles(FIXTURES)) {
  const text = readFileSync(file, 'utf8');
  const ds = diagnose(text);
  const typeErrors = ds.filter((d) => d.code === 'invalid-type');
  if (typeErrors.length === 0) continue;
  test(`no follow-on error after a wrong type: ${file.slice(FIXTURES.length + 1)}`, () => {
    const lines = text.split('\n');
    for (const t of typeErrors) {
      const onPath = new Set(fieldAndParents(lines, t.range.start.line));
      const others = ds.filter(
        (d) => d !== t && d.severity === 1 && d.code !== 'invalid-type' && onPath.has(d.range.start.line),
      );
      assert.deepEqual(
        others.map((d) => [d.range.start.line, d.code, d.message]),
        [],
        `after "${t.message}"`,
      );
    }
  });
}

test('AuthorizationPolicy methods: GET gives the type error only', () => {
  const text = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: a
  namespace: ns
spec:
  rules:
  - to:
    - operation:
        methods: GET
`;
  // Line 9 holds the string where a list is required; the operation (line 8) is not "empty".
  assert.deepEqual(
    diagnose(text).map((d) => [d.range.start.line, d.code]),
    [[9, 'invalid-type']],
  );
});
