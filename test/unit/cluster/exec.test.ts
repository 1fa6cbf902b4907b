import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ExecPluginError, parseExecCredential, runExecPlugin } from '../../../server/src/cluster/exec';

const V1 = 'client.authentication.k8s.io/v1';
const dir = mkdtempSync(join(tmpdir(), 'exec-'));

/** A real exec plugin: a node program that prints what KUBERNETES_EXEC_INFO asks for. */
function plugin(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, `#!${process.execPath}\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

describe('exec credential plugins', () => {
  test('a v1 plugin gets KUBERNETES_EXEC_INFO and its token is returned', async () => {
    const p = plugin(
      'ok',
      `const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO);
       if (info.spec.interactive !== false || info.kind !== 'ExecCredential') process.exit(3);
       process.stdout.write(JSON.stringify({ apiVersion: info.apiVersion, kind: 'ExecCredential',
         status: { token: 'tok-' + process.argv[2] + '-' + process.env.EXTRA, expirationTimestamp: '2999-01-01T00:00:00Z' } }));`,
    );
    const cred = await runExecPlugin(
      { apiVersion: V1, command: p, args: ['a1'], env: [{ name: 'EXTRA', value: 'e1' }] },
      { timeoutMs: 10_000 },
    );
    assert.equal(cred.token, 'tok-a1-e1');
    assert.equal(cred.expires, Date.parse('2999-01-01T00:00:00Z'));
  });
  test('provideClusterInfo passes the server', async () => {
    const p = plugin(
      'info',
      `const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO);
       process.stdout.write(JSON.stringify({ apiVersion: info.apiVersion, kind: 'ExecCredential', status: { token: info.spec.cluster.server } }));`,
    );
    const cred = await runExecPlugin(
      { apiVersion: V1, command: p, provideClusterInfo: true },
      { timeoutMs: 10_000, cluster: { server: 'https://x:1' } },
    );
    assert.equal(cred.token, 'https://x:1');
  });
  test('missing: the install hint is shown', async () => {
    await assert.rejects(
      runExecPlugin(
        { apiVersion: V1, command: join(dir, 'nope'), installHint: 'Install nope from example.com\nmore' },
        { timeoutMs: 10_000 },
      ),
      (e: ExecPluginError) =>
        e.reason === 'missing' && e.message === 'exec plugin nope not found: Install nope from example.com',
    );
  });
  test('failing: the real gke-gcloud-auth-plugin without Google credentials; its output is not repeated', async () => {
    await assert.rejects(
      runExecPlugin(
        { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'gke-gcloud-auth-plugin' },
        { timeoutMs: 20_000 },
      ),
      (e: ExecPluginError) =>
        e.reason === 'failed' &&
        /^exec plugin gke-gcloud-auth-plugin failed \(exit code \d+\)$/.test(e.message),
    );
  });
  test('a failing plugin that prints a token: the token is not in the error', async () => {
    const p = plugin(
      'leaky',
      `process.stderr.write('token=SECRETSECRET'); process.stdout.write('SECRETSECRET'); process.exit(1);`,
    );
    await assert.rejects(
      runExecPlugin({ apiVersion: V1, command: p }, { timeoutMs: 10_000 }),
      (e: Error) => !e.message.includes('SECRET'),
    );
  });
  test('hanging: stopped after the time limit, with its children', async () => {
    const pidFile = join(dir, 'child.pid');
    const p = plugin(
      'hang',
      `const c = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
       require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(c.pid));
       setInterval(() => {}, 1000);`,
    );
    const started = Date.now();
    await assert.rejects(
      runExecPlugin({ apiVersion: V1, command: p }, { timeoutMs: 1500 }),
      (e: ExecPluginError) => e.reason === 'hung',
    );
    assert.ok(Date.now() - started < 10_000);
    const { readFileSync } = await import('node:fs');
    const child = Number(readFileSync(pidFile, 'utf8'));
    // The process group was killed: the grandchild is gone (kill 0 throws ESRCH) once reaped.
    await new Promise<void>((resolve, reject) => {
      const t0 = Date.now();
      const poll = (): void => {
        try {
          process.kill(child, 0);
          if (Date.now() - t0 > 5000) return reject(new Error('grandchild still alive'));
          setTimeout(poll, 50);
        } catch {
          resolve();
        }
      };
      poll();
    });
  });
  test('ExecCredential parsing', () => {
    assert.throws(
      () => parseExecCredential('not json', V1),
      (e: ExecPluginError) => e.reason === 'invalid',
    );
    assert.throws(
      () =>
        parseExecCredential(
          JSON.stringify({
            kind: 'ExecCredential',
            apiVersion: 'client.authentication.k8s.io/v1beta1',
            status: { token: 't' },
          }),
          V1,
        ),
      /answered/,
    );
    assert.throws(
      () => parseExecCredential(JSON.stringify({ kind: 'ExecCredential', apiVersion: V1, status: {} }), V1),
      /neither/,
    );
    const c = parseExecCredential(
      JSON.stringify({
        kind: 'ExecCredential',
        apiVersion: V1,
        status: { clientCertificateData: 'C', clientKeyData: 'K' },
      }),
      V1,
    );
    assert.deepEqual(c, { clientCertificateData: 'C', clientKeyData: 'K' });
  });
  test('unsupported apiVersion and interactive plugins are refused before running', async () => {
    await assert.rejects(
      runExecPlugin(
        { apiVersion: 'client.authentication.k8s.io/v1alpha1', command: 'true' },
        { timeoutMs: 1000 },
      ),
      /not supported/,
    );
    await assert.rejects(
      runExecPlugin({ apiVersion: V1, command: 'true', interactiveMode: 'Always' }, { timeoutMs: 1000 }),
      (e: ExecPluginError) => e.reason === 'interactive',
    );
  });
});
