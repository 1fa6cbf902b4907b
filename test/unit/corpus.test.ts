import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { diagnose, ROOT } from './helpers';

/**
 * Realistic files per kind. `*-valid.yaml` must come out clean; each other file has a
 * `<name>.expected.json` beside it listing [zero-based line, code] of every diagnostic, written
 * by hand from the schemas and Istio's rules.
 */
const CORPUS = join(ROOT, 'test', 'fixtures', 'corpus');

for (const kind of readdirSync(CORPUS)) {
  for (const file of readdirSync(join(CORPUS, kind)).filter((f) => f.endsWith('.yaml'))) {
    test(`${kind}/${file}`, () => {
      const text = readFileSync(join(CORPUS, kind, file), 'utf8');
      const got = diagnose(text)
        .map((d) => [d.range.start.line, String(d.code)] as [number, string])
        .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
      if (file.endsWith('-valid.yaml')) {
        assert.deepEqual(got, []);
        return;
      }
      const expectedFile = join(CORPUS, kind, file.replace(/\.yaml$/, '.expected.json'));
      assert.ok(existsSync(expectedFile), `${expectedFile} is missing`);
      assert.deepEqual(got, JSON.parse(readFileSync(expectedFile, 'utf8')));
    });
  }
}
