import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FIX = join(ROOT, 'test', 'fixtures', 'cli');

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT });
}

test('exit 0 and an empty JSON array for clean files', () => {
  const r = run('--format', 'json', join(FIX, 'clean.yaml'));
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), []);
});

test('exit 1 and the contract JSON shape for a file with errors', () => {
  const r = run('--format', 'json', join(FIX, 'broken.yaml'));
  assert.equal(r.status, 1);
  const results = JSON.parse(r.stdout) as unknown[];
  assert.deepEqual(results, [
    {
      file: join(FIX, 'broken.yaml'),
      range: { start: { line: 8, character: 14 }, end: { line: 8, character: 26 } },
      severity: 'error',
      code: 'invalid-enum',
      message: results.length ? (results[0] as { message: string }).message : '',
    },
  ]);
  assert.match((results[0] as { message: string }).message, /ROUND_ROBIN/);
});

test('folders are searched recursively for .yaml and .yml; hints alone exit 0', () => {
  const r = run('--format', 'json', FIX);
  assert.equal(r.status, 1);
  const results = JSON.parse(r.stdout) as { file: string; severity: string; code: string }[];
  assert.deepEqual(
    results.map((x) => [x.file.slice(FIX.length + 1), x.severity, x.code]),
    [
      ['broken.yaml', 'error', 'invalid-enum'],
      ['hint-only.yml', 'hint', 'unused-suppression'],
    ],
  );
  assert.equal(run(join(FIX, 'hint-only.yml')).status, 0);
});

test('text format is file:line:col: severity code message', () => {
  const r = run(join(FIX, 'broken.yaml'));
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^.*broken\.yaml:9:15: error invalid-enum '.*ROUND_ROBBIN.*$/m);
  assert.match(r.stderr, /1 file checked, 1 error/);
});

test('usage errors and I/O failures exit 2', () => {
  assert.equal(run().status, 2);
  assert.equal(run('--format', 'xml', FIX).status, 2);
  assert.equal(run('--bogus', FIX).status, 2);
  const missing = run(join(FIX, 'does-not-exist.yaml'));
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /does-not-exist/);
  assert.equal(run('--help').status, 0);
});

test('a directory named like a YAML file is an I/O failure, not a crash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-'));
  try {
    const r = run(join(dir, 'missing', 'x.yaml'));
    assert.equal(r.status, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
