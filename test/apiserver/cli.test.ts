// The API server's entry points: the CLI (`node scripts/apiserver/main.mjs`) and startDemoCluster.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { BOOKINFO_SEED, startApiServer, startDemoCluster } from '../../scripts/apiserver/index.mjs';

const MAIN = join(__dirname, '..', '..', 'scripts', 'apiserver', 'main.mjs');

interface Kubeconfig {
  'current-context': string;
  clusters: { name: string; cluster: { server: string } }[];
  contexts: { name: string }[];
}

test('main.mjs starts on 127.0.0.1, writes the kubeconfig in RUNDIR, prints the URL, stops on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'apiserver-cli-'));
  try {
    const child = spawn(
      process.execPath,
      [MAIN, '--seed', BOOKINFO_SEED, '--dir', dir, '--name', 'cli-test'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /^(https:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
        if (m && out.includes('control:')) resolve(m[1]);
      });
      child.on('exit', (code) =>
        reject(new Error(`main.mjs exited (${code}) before printing its URL: ${out}`)),
      );
    });
    const kc = parse(readFileSync(join(dir, 'kubeconfig'), 'utf8')) as Kubeconfig;
    assert.equal(kc['current-context'], 'cli-test');
    assert.equal(kc.clusters[0].cluster.server, url);
    assert.deepEqual(
      kc.contexts.map((c) => c.name),
      ['cli-test', 'cli-test-cert', 'cli-test-viewer'],
    );
    assert.ok(existsSync(join(dir, 'control.json')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('main.mjs without --dir is a usage error (exit 2)', async () => {
  const child = spawn(process.execPath, [MAIN], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  assert.equal(code, 2);
  assert.match(err, /--dir RUNDIR is required/);
});

test('startDemoCluster: bookinfo, context istio-demo, kubeconfig in the run folder, stop closes the port', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'apiserver-demo-'));
  try {
    const demo = await startDemoCluster({ runDir: dir });
    assert.equal(demo.kubeconfigPath, join(dir, 'kubeconfig'));
    assert.equal(
      (parse(readFileSync(demo.kubeconfigPath, 'utf8')) as Kubeconfig)['current-context'],
      'istio-demo',
    );
    const istiod = demo.server.apply({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'probe', namespace: 'istio-system' },
    });
    assert.equal(istiod.metadata.namespace, 'istio-system');
    await demo.stop();
    await assert.rejects(fetch(demo.url), 'the port is closed after stop');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a seed that does not parse, or names a missing namespace, fails with the file and object named', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'apiserver-seed-'));
  try {
    writeFileSync(join(dir, 'bad.yaml'), 'kind: [unclosed\n');
    await assert.rejects(startApiServer({ seedDir: dir, crds: false }), /bad\.yaml/);
    writeFileSync(
      join(dir, 'bad.yaml'),
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  namespace: nowhere\n',
    );
    await assert.rejects(
      startApiServer({ seedDir: dir, crds: false }),
      /cannot seed Service nowhere\/s: namespaces "nowhere" not found/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
