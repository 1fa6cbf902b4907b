import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { defaultJobs, PARALLEL_THRESHOLD } from '../../server/src/cli/workers';
import { writeMeshWorkspace } from '../../scripts/bench/mesh';
import { FIX, runCli } from './helpers';

let dir = '';
let seeded = 0;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-jobs-'));
  // 300 files (--jobs is given explicitly), with an invalid enum seeded in every tenth app file.
  seeded = writeMeshWorkspace(dir, 300).seeded.badEnum;
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('--jobs 2 gives byte for byte the output of --jobs 1 (json, sarif, text)', () => {
  for (const format of ['json', 'sarif', 'text']) {
    const one = runCli(['--format', format, '--jobs', '1', dir]);
    const two = runCli(['--format', format, '--jobs', '2', dir]);
    assert.equal(one.status, 1, one.stderr);
    assert.equal(two.status, one.status);
    assert.equal(two.stdout, one.stdout, format);
    assert.equal(two.stderr, one.stderr, format);
  }
  const results = JSON.parse(runCli(['--format', 'json', '--jobs=3', dir]).stdout) as { code: string }[];
  assert.equal(results.filter((r) => r.code === 'invalid-enum').length, seeded);
  assert.equal(seeded, 30);
});

test('more jobs than files, and the default, still give the same output', () => {
  const file = join(FIX, 'broken.yaml');
  const one = runCli(['--format', 'json', '--jobs', '1', file, file]);
  assert.equal(runCli(['--format', 'json', '--jobs', '8', file, file]).stdout, one.stdout);
  assert.equal(runCli(['--format', 'json', file, file]).stdout, one.stdout);
});

test('by default one thread below the threshold, up to the cores (at most 8) from it on', () => {
  assert.equal(defaultJobs(PARALLEL_THRESHOLD - 1, 4), 1);
  assert.equal(defaultJobs(PARALLEL_THRESHOLD, 2), 2);
  assert.equal(defaultJobs(5000, 1), 1);
  assert.equal(defaultJobs(5000, 64), 8);
});

test('bad --jobs, --namespace and --base values are usage errors (exit 2)', () => {
  for (const args of [
    ['--jobs', '0'],
    ['--jobs', 'two'],
    ['--jobs'],
    ['--namespace', 'Not_A_Namespace'],
    ['--namespace', 'x'.repeat(64)],
    ['--namespace='],
    ['--base', join(FIX, 'nope')],
    ['--base', join(FIX, 'clean.yaml')],
  ]) {
    const r = runCli([...args, FIX]);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /^istio-lint: /);
  }
  const ok = runCli(['--namespace', 'team-a', '--jobs', '2', join(FIX, 'clean.yaml')]);
  assert.equal(ok.status, 0, ok.stderr);
});
