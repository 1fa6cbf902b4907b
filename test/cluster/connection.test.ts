import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { BOOKINFO_SEED, kubeconfig, startApiServer, type ApiServer } from '../../scripts/apiserver/index.mjs';
import { Probe, execPlugin, tempDir, writeJson } from './harness';

type Kc = {
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: Record<string, string> }[];
  [k: string]: unknown;
};

describe('connection to the test API server', () => {
  let server: ApiServer;
  let dir: string;
  let kcFile: string;
  let kc: Kc;
  const probes: Probe[] = [];
  const probe = (file = kcFile, opts?: { timeoutMs?: number; execTimeoutMs?: number }): Probe => {
    const p = new Probe(file, opts);
    probes.push(p);
    return p;
  };

  before(async () => {
    server = await startApiServer({ seedDir: BOOKINFO_SEED, watchTimeoutSeconds: 30 });
    dir = tempDir();
    kc = kubeconfig(server, 'test') as Kc;
    kcFile = writeJson(dir, 'kubeconfig', kc);
  });
  afterEach(async () => {
    await Promise.all(probes.splice(0).map((p) => p.stop()));
  });
  after(async () => {
    await server.stop();
  });

  test('bearer token: lists and watches every kind; Istio version from istiod', async () => {
    const p = probe();
    p.start();
    await p.state('connected');
    const s = p.conn.status;
    assert.equal(s.context, 'test');
    assert.ok(s.istioVersion, 'istiod found');
    const store = p.conn.store;
    for (const k of [
      'Namespace',
      'Service',
      'Pod',
      'ServiceAccount',
      'CustomResourceDefinition',
      'Deployment',
    ] as const) {
      assert.equal(store.state(k), 'synced', k);
    }
    assert.ok(store.list('Namespace').some((n) => n.name === 'bookinfo'));
    assert.ok(store.list('Pod', 'bookinfo').length > 0);
    await p.until(
      () => store.state('networking.istio.io/VirtualService') === 'synced',
      'Istio CRs from the CRDs',
    );
    // A change in the cluster reaches the store through the watch.
    const pod = store.list('Pod', 'bookinfo')[0];
    const before = store.revision;
    const raw = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: pod.name, namespace: 'bookinfo', labels: { ...pod.labels, watched: 'yes' } },
      spec: { containers: [{ name: 'app', image: 'x' }] },
    };
    server.apply(raw);
    await p.until(
      () => store.get('Pod', 'bookinfo', pod.name)?.labels.watched === 'yes',
      'the watched label',
    );
    assert.ok(store.revision > before);
  });

  test('client certificate context', async () => {
    const p = probe();
    p.start({ context: 'test-cert' });
    await p.state('connected');
    assert.equal(p.conn.status.context, 'test-cert');
  });

  test('exec plugin (client.authentication.k8s.io/v1) supplies the token', async () => {
    const token = server.tokenOf('admin') ?? '';
    const plugin = execPlugin(
      dir,
      'auth-ok',
      `process.stdout.write(JSON.stringify({apiVersion:'client.authentication.k8s.io/v1',kind:'ExecCredential',status:{token:${JSON.stringify(token)}}}))`,
    );
    const file = writeJson(dir, 'kc-exec', {
      ...kc,
      users: [
        {
          name: 'test-admin',
          user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin } },
        },
      ],
    });
    const p = probe(file);
    p.start();
    await p.state('connected');
    assert.ok(!JSON.stringify([p.statuses, p.logs]).includes(token), 'the token is never in a status or log');
  });

  test('exec plugin missing, failing, hanging: credentials-failed, one line each', async () => {
    const failing = execPlugin(
      dir,
      'auth-fail',
      `process.stderr.write('boom token=abcdefgh'); process.exit(4)`,
    );
    const hanging = execPlugin(dir, 'auth-hang', `setInterval(() => {}, 1000)`);
    const cases: [string, RegExp][] = [
      [join(dir, 'no-such-plugin'), /no-such-plugin not found/],
      [failing, /auth-fail failed \(exit code 4\)/],
      [hanging, /auth-hang did not answer within 1 s/],
    ];
    for (const [command, message] of cases) {
      const file = writeJson(dir, `kc-${command.split('/').pop()}`, {
        ...kc,
        users: [
          { name: 'test-admin', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command } } },
        ],
      });
      const p = probe(file, { execTimeoutMs: 1000 });
      p.start();
      await p.state('credentials-failed');
      assert.match(p.conn.status.message, message);
      assert.ok(!p.conn.status.message.includes('abcdefgh'));
      await p.stop();
    }
  });

  test('401: unauthorized', async () => {
    const file = writeJson(dir, 'kc-bad-token', {
      ...kc,
      users: [{ name: 'test-admin', user: { token: 'not-a-valid-token-123' } }],
    });
    const p = probe(file);
    p.start();
    await p.state('unauthorized');
    assert.match(p.conn.status.message, /401/);
    assert.ok(!JSON.stringify([p.statuses, p.logs]).includes('not-a-valid-token-123'));
  });

  test('403 for one kind: the others still sync, the kind is forbidden', async () => {
    server.setFaults({ forbid: [{ resource: 'secrets' }] });
    try {
      const p = probe();
      p.start();
      await p.state('forbidden');
      assert.deepEqual(p.conn.status.forbiddenKinds, ['Secret']);
      assert.equal(p.conn.store.state('Secret'), 'forbidden');
      assert.equal(p.conn.store.state('Service'), 'synced');
      assert.match(p.conn.status.message, /not allowed to read Secret/);
    } finally {
      server.clearFaults();
    }
  });

  test('watch dropped mid-stream, and 410 Gone: resumes or re-lists, changes still arrive', async () => {
    const p = probe();
    p.start();
    await p.state('connected');
    const store = p.conn.store;
    server.dropWatches();
    server.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'after-drop' } });
    await p.until(
      () => !!store.get('Namespace', '', 'after-drop'),
      'a namespace created while the watch was down',
    );
    server.compact();
    server.dropWatches();
    server.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'after-gone' } });
    await p.until(() => !!store.get('Namespace', '', 'after-gone'), 'a namespace after 410 Gone');
    server.remove('v1', 'Namespace', undefined, 'after-drop');
    await p.until(() => !store.get('Namespace', '', 'after-drop'), 'the deletion');
  });

  test('connection refused: unreachable, one status line; recovers by itself', async () => {
    const p = probe();
    p.start();
    await p.state('connected');
    const n = p.statuses.length;
    await server.refuseConnections();
    server.dropWatches();
    try {
      // First the watches drop, then their retries are refused.
      await p.until(
        () => p.conn.status.state === 'unreachable' && /connection refused/.test(p.conn.status.message),
        'refused',
      );
      assert.equal(p.conn.store.state('Pod'), 'stale', 'absence proves nothing while down');
    } finally {
      await server.acceptConnections();
    }
    await p.state('connected');
    const unreachable = p.statuses.slice(n).filter((s) => s.state === 'unreachable');
    assert.ok(unreachable.length <= 2, `no notification spam: ${unreachable.length} unreachable statuses`);
  });

  test('slow API server: the request timeout turns it into unreachable', async () => {
    server.setFaults({ delayMs: 3000 });
    try {
      const p = probe(kcFile, { timeoutMs: 1000 });
      p.start();
      await p.state('unreachable');
      assert.match(p.conn.status.message, /no answer .* within 1 s/);
    } finally {
      server.clearFaults();
    }
  });

  test('untrusted: nothing connects and no exec plugin runs', async () => {
    const marker = join(dir, 'ran');
    const plugin = execPlugin(
      dir,
      'auth-marker',
      `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); process.exit(1)`,
    );
    const file = writeJson(dir, 'kc-marker', {
      ...kc,
      users: [
        {
          name: 'test-admin',
          user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin } },
        },
      ],
    });
    const p = probe(file);
    p.start({ trusted: false });
    await p.state('untrusted');
    assert.equal(p.conn.contexts().contexts.length, 0);
    assert.equal(existsSync(marker), false);
  });

  test('disabled, disconnected, no kubeconfig, kubeconfig that does not parse, context pointing nowhere', async () => {
    const off = probe();
    off.start({ settings: { enabled: 'off', kubeconfig: '' } });
    await off.state('disabled');
    const disc = probe();
    disc.start({ disconnected: true });
    await disc.state('disabled');
    assert.match(disc.conn.status.message, /Disconnected/);
    const none = probe(join(dir, 'does-not-exist'));
    none.start();
    await none.state('no-kubeconfig');
    const bad = probe(writeJson(dir, 'kc-bad', {}).replace(/$/, ''));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'kc-bad'), 'clusters: [\n');
    bad.start();
    await bad.state('invalid-kubeconfig');
    assert.match(bad.conn.status.message, /does not parse/);
    const nowhere = probe();
    nowhere.start({ context: 'prod-eu' });
    await nowhere.state('invalid-kubeconfig');
    assert.match(nowhere.conn.status.message, /context "prod-eu" is not in the kubeconfig/);
  });
});
