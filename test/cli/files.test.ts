/**
 * Issue 10, defect 7: the CLI reads only regular files, after a size check, reports every path it
 * cannot read as an I/O finding, carries on with the others, and exits 2 when any path failed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FIX = join(ROOT, 'test', 'fixtures', 'cli');
const dir = mkdtempSync(join(tmpdir(), 'cli-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Result {
  file: string;
  severity: string;
  code: string;
  message: string;
}

function run(...args: string[]): { status: number | null; results: Result[]; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', ...args], {
    encoding: 'utf8',
    cwd: ROOT,
    timeout: 60_000,
  });
  assert.equal(r.signal, null, `the CLI was killed (it hung): ${r.stderr}`);
  return { status: r.status, results: r.stdout ? (JSON.parse(r.stdout) as Result[]) : [], stderr: r.stderr };
}

function folder(name: string): string {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  copyFileSync(join(FIX, 'broken.yaml'), join(d, 'broken.yaml'));
  return d;
}

const ioErrors = (rs: Result[]): Result[] => rs.filter((r) => r.code === 'io-error');
const brokenChecked = (rs: Result[]): boolean =>
  rs.some((r) => r.file.endsWith('broken.yaml') && r.code === 'invalid-enum');

test('defect 7: a FIFO named x.yaml does not block; it is an I/O finding and the other files are checked', () => {
  const d = folder('fifo');
  const mk = spawnSync('mkfifo', [join(d, 'x.yaml')]);
  assert.equal(mk.status, 0, 'mkfifo failed');
  for (const args of [[d], [join(d, 'x.yaml'), join(d, 'broken.yaml')]]) {
    const r = run(...args);
    assert.equal(r.status, 2);
    const io = ioErrors(r.results);
    assert.equal(io.length, 1);
    assert.ok(io[0].file.endsWith('x.yaml'));
    assert.match(io[0].message, /FIFO/);
    assert.ok(brokenChecked(r.results));
  }
});

test('defect 7: a dangling symlink and a symlink loop are I/O findings; the run goes on', () => {
  const d = folder('links');
  symlinkSync(join(d, 'nowhere.yaml'), join(d, 'dangling.yaml'));
  symlinkSync(join(d, 'loop-b.yaml'), join(d, 'loop-a.yaml'));
  symlinkSync(join(d, 'loop-a.yaml'), join(d, 'loop-b.yaml'));
  symlinkSync(d, join(d, 'parent-link'));
  const r = run(d);
  assert.equal(r.status, 2);
  const io = ioErrors(r.results);
  assert.deepEqual(io.map((x) => x.file.slice(d.length + 1)).sort(), [
    'dangling.yaml',
    'loop-a.yaml',
    'loop-b.yaml',
  ]);
  assert.match(io.find((x) => x.file.endsWith('dangling.yaml'))!.message, /does not exist/);
  assert.match(io.find((x) => x.file.endsWith('loop-a.yaml'))!.message, /loop/);
  // The link back to the folder does not make the search loop or check a file twice.
  assert.equal(r.results.filter((x) => x.code === 'invalid-enum').length, 1);
});

test('defect 7: /dev/zero is refused as a device, not read', () => {
  const r = run('/dev/zero', join(FIX, 'broken.yaml'));
  assert.equal(r.status, 2);
  const io = ioErrors(r.results);
  assert.equal(io.length, 1);
  assert.equal(io[0].file, '/dev/zero');
  assert.match(io[0].message, /character device/);
  assert.ok(brokenChecked(r.results));
});

test('defect 7: the size is checked before reading; every skipped file says "skipped: over N MB", flow style too', () => {
  const d = join(dir, 'big');
  mkdirSync(d);
  // 2 GB of holes: reading it would take long and need 2 GB; checking its size does not.
  const sparse = join(d, 'sparse.yaml');
  writeFileSync(sparse, 'apiVersion: networking.istio.io/v1\n');
  truncateSync(sparse, 2 * 1024 * 1024 * 1024);
  const flow = join(d, 'flow.yaml');
  const item =
    '{apiVersion: networking.istio.io/v1, kind: DestinationRule, metadata: {name: r}, spec: {host: h}}\n---\n';
  writeFileSync(flow, item.repeat(Math.ceil((6 * 1024 * 1024) / item.length)));
  const plain = join(d, 'plain-k8s.yaml');
  writeFileSync(plain, 'apiVersion: v1\nkind: ConfigMap\n' + '#'.repeat(6 * 1024 * 1024) + '\n');
  const r = run(d);
  assert.equal(r.status, 0, r.stderr);
  const skipped = r.results.filter((x) => x.code === 'file-too-large');
  assert.deepEqual(skipped.map((x) => x.file.slice(d.length + 1)).sort(), [
    'flow.yaml',
    'plain-k8s.yaml',
    'sparse.yaml',
  ]);
  for (const s of skipped) {
    assert.match(s.message, /^skipped: over 5 MB/);
    assert.match(s.message, /--max-file-size/);
    assert.doesNotMatch(s.message, /setting/);
  }
});

test('defect 7: --max-file-size MB sets the limit', () => {
  const d = folder('limit');
  const big = join(d, 'big.yaml');
  writeFileSync(
    big,
    'apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: s}\nspec: {bogus: 1}\n' +
      '#'.repeat(1536 * 1024) +
      '\n',
  );
  const low = run('--max-file-size', '1', d);
  assert.equal(low.status, 1);
  assert.match(low.results.find((x) => x.file === big)!.message, /^skipped: over 1 MB/);
  const high = run('--max-file-size=2', d);
  assert.ok(
    high.results.some((x) => x.file === big && x.code === 'unknown-field'),
    JSON.stringify(high.results),
  );
  assert.equal(run('--max-file-size', 'lots', d).status, 2);
  assert.equal(run('--max-file-size', '0', d).status, 2);
});

test('defect 7: an unreadable file (permission) is an I/O finding, exit 2, the rest checked', () => {
  const d = folder('perm');
  const secret = join(d, 'secret.yaml');
  writeFileSync(secret, 'a: 1\n', { mode: 0o000 });
  const r = run(d);
  assert.ok(brokenChecked(r.results));
  if (process.getuid?.() === 0) {
    // root reads anything: the file is checked like the others.
    assert.equal(ioErrors(r.results).length, 0);
  } else {
    assert.equal(r.status, 2);
    assert.match(ioErrors(r.results)[0].message, /permission denied/);
  }
});
