import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import {
  ProcessRegistry,
  describeOutcome,
  runProcess,
  succeeded,
  tail,
} from '../../../client/src/istioctl/process';
import { ISTIOCTL, KUBECTL, alive, fakeEnv, until } from './fakeEnv';

describe('runProcess', () => {
  const fx = fakeEnv();
  after(() => fx.cleanup());

  test('runs an argv array and collects stdout, lines and the exit code', async () => {
    const lines: string[] = [];
    const r = await runProcess(ISTIOCTL, ['version', '--remote=false', '-o', 'json'], {
      timeoutMs: 10_000,
      env: fx.env,
      onLine: (s, l) => lines.push(`${s}:${l}`),
    });
    assert.ok(succeeded(r), describeOutcome(r));
    assert.equal(
      (JSON.parse(r.stdout) as { clientVersion: { version: string } }).clientVersion.version,
      '1.30.3',
    );
    assert.deepEqual(lines, [`stdout:${r.stdout.trim()}`]);
    assert.deepEqual(fx.calls().at(-1)?.argv, ['version', '--remote=false', '-o', 'json']);
  });

  test('reports a non-zero exit with stderr', async () => {
    const r = await runProcess(ISTIOCTL, ['install', '-y', '--set', 'profile=bogus'], {
      timeoutMs: 10_000,
      env: fx.env,
    });
    assert.equal(r.code, 1);
    assert.ok(!succeeded(r));
    assert.match(r.stderr, /profile "bogus" not found/);
    assert.equal(describeOutcome(r), 'exit code 1');
  });

  test('reports a missing binary without throwing', async () => {
    const r = await runProcess(path.join(fx.dir, 'no-such-istioctl'), ['version'], {
      timeoutMs: 5_000,
      env: fx.env,
    });
    assert.equal(r.spawnError?.code, 'ENOENT');
    assert.equal(r.code, null);
    assert.match(describeOutcome(r), /could not start .*ENOENT/);
  });

  test('never goes through a shell: metacharacters reach the process verbatim', async () => {
    const marker = path.join(fx.dir, 'pwned');
    const evil = `values.x=$(touch ${marker}); touch ${marker} && echo \`touch ${marker}\``;
    const r = await runProcess(ISTIOCTL, ['manifest', 'generate', '--set', evil], {
      timeoutMs: 10_000,
      env: fx.env,
    });
    assert.ok(succeeded(r), r.stderr);
    assert.equal(fs.existsSync(marker), false, 'a shell ran the argument');
    assert.deepEqual(fx.calls().at(-1)?.argv, ['manifest', 'generate', '--set', evil]);
  });

  test('works with spaces in the binary path and in arguments', async () => {
    const root = path.join(fx.dir, 'dir with spaces');
    fs.mkdirSync(path.join(root, 'bin'), { recursive: true });
    fs.cpSync(path.join(path.dirname(ISTIOCTL), '..', 'lib'), path.join(root, 'lib'), { recursive: true });
    fs.copyFileSync(KUBECTL, path.join(root, 'bin', 'kubectl'));
    fs.chmodSync(path.join(root, 'bin', 'kubectl'), 0o755);
    const file = path.join(root, 'my manifest.yaml');
    const r = await runProcess(path.join(root, 'bin', 'kubectl'), ['config', 'current-context'], {
      timeoutMs: 10_000,
      env: fx.env,
      cwd: root,
    });
    assert.ok(succeeded(r), r.stderr);
    assert.equal(r.stdout.trim(), 'fake-cluster');
    const r2 = await runProcess(
      path.join(root, 'bin', 'kubectl'),
      ['label', 'namespace', 'nope', 'a=b', '--context', 'fake-cluster', file],
      {
        timeoutMs: 10_000,
        env: fx.env,
      },
    );
    assert.equal(r2.code, 1);
    assert.equal(fx.calls().at(-1)?.argv?.at(-1), file);
  });

  test('cancelling stops the process and the processes it started', async () => {
    const hang = fakeEnv('hang');
    try {
      const abort = new AbortController();
      const registry = new ProcessRegistry();
      const running = runProcess(
        ISTIOCTL,
        ['install', '-y'],
        { timeoutMs: 60_000, env: hang.env, signal: abort.signal, killGraceMs: 500 },
        registry,
      );
      await until(() => hang.calls().some((c) => c.event === 'hang'), 'the fake to hang');
      const h = hang.calls().find((c) => c.event === 'hang')!;
      assert.ok(alive(h.pid) && alive(h.childPid!), 'both processes run before the cancel');
      assert.equal(registry.size, 1);
      abort.abort();
      const r = await running;
      assert.equal(r.cancelled, true);
      assert.equal(r.timedOut, false);
      assert.equal(describeOutcome(r), 'cancelled');
      await until(() => !alive(h.pid) && !alive(h.childPid!), 'the fake and its child to be gone');
      assert.equal(registry.size, 0);
    } finally {
      hang.cleanup();
    }
  });

  test('a timeout stops the process tree too', async () => {
    const hang = fakeEnv('hang');
    try {
      const r = await runProcess(KUBECTL, ['get', 'namespaces', '-o', 'json'], {
        timeoutMs: 3000,
        env: hang.env,
        killGraceMs: 300,
      });
      assert.equal(r.timedOut, true);
      assert.match(describeOutcome(r), /timed out/);
      const h = hang.calls().find((c) => c.event === 'hang');
      assert.ok(h, 'the fake recorded its hang');
      await until(() => !alive(h.pid) && !alive(h.childPid!), 'the fake and its child to be gone');
    } finally {
      hang.cleanup();
    }
  });

  test('an already-aborted signal stops the process at once', async () => {
    const abort = new AbortController();
    abort.abort();
    const r = await runProcess(ISTIOCTL, ['version', '--remote=false'], {
      timeoutMs: 10_000,
      env: fx.env,
      signal: abort.signal,
    });
    assert.equal(r.cancelled, true);
  });
});

test('tail keeps the last non-empty lines', () => {
  assert.equal(tail('a\n\nb\nc\n\n', 2), 'b\nc');
  assert.equal(tail('', 3), '');
});
