import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { BOOKINFO_SEED, kubeconfig, startApiServer, type ApiServer } from '../../scripts/apiserver/index.mjs';
import { DEFAULT_SETTINGS } from '../../shared/src/protocol';
import { ClusterSource } from '../../server/src/service/cluster/source';
import { WorkspaceEngine } from '../../server/src/service/workspace/engine';
import { service } from '../unit/helpers';
import { Probe, tempDir, writeJson, runCli as lint } from './harness';

// Cluster-aware checks through the real connection (list + watch over TLS) to the test API server,
// seeded with bookinfo: reviews-v1/v2/v3 pods, the reviews Service, the bookinfo ServiceAccounts.

const DR = (subset: string): string => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews-canary, namespace: bookinfo}
spec:
  host: reviews
  subsets:
  - name: ${subset}
    labels: {version: ${subset}}
`;
const SUBSET_LINE = 7;

/** References that all exist in the seeded cluster: no fault may turn them into errors. */
const VALID = {
  'vs.yaml': `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews-route, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
`,
  'ap.yaml': `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: reviews-viewer, namespace: bookinfo}
spec:
  selector:
    matchLabels: {app: reviews}
  rules:
  - from:
    - source:
        principals: ["cluster.local/ns/bookinfo/sa/bookinfo-productpage"]
        namespaces: ["bookinfo"]
`,
  'dr-v1.yaml': DR('v1'),
};

const canaryPod = (version: string): Parameters<ApiServer['apply']>[0] => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'reviews-canary-0', namespace: 'bookinfo', labels: { app: 'reviews', version } },
  spec: {
    serviceAccountName: 'bookinfo-reviews',
    containers: [{ name: 'reviews', image: 'example/reviews:canary' }],
  },
  status: { phase: 'Running' },
});

let counter = 0;
function check(store: Probe['conn']['store'], files: Record<string, string>): Record<string, Diagnostic[]> {
  const engine = new WorkspaceEngine();
  engine.addSource(new ClusterSource(store));
  const s = service();
  const base = `file:///checks${++counter}/`;
  for (const [name, text] of Object.entries(files)) engine.update(s.snapshot(base + name, 1, text));
  return Object.fromEntries(
    Object.keys(files).map((n) => [n, engine.diagnostics(base + n, DEFAULT_SETTINGS, () => undefined)]),
  );
}

/** No error or warning in the valid files, and the v9 subset at most information. */
function assertNoFalseError(store: Probe['conn']['store'], when: string): Diagnostic[] {
  const d = check(store, { ...VALID, 'dr-v9.yaml': DR('v9') });
  for (const [name, ds] of Object.entries(d)) {
    if (name === 'dr-v9.yaml') continue;
    assert.deepEqual(
      ds.filter((x) => (x.severity ?? 1) <= 2).map((x) => [x.code, x.message]),
      [],
      `${when}: ${name}`,
    );
  }
  return d['dr-v9.yaml'];
}

describe('cluster-aware checks against the test API server', () => {
  let server: ApiServer;
  let dir: string;
  let kcFile: string;
  const probes: Probe[] = [];
  const connected = async (file = kcFile): Promise<Probe> => {
    const p = new Probe(file);
    probes.push(p);
    p.start();
    await p.until(
      () =>
        [
          'Pod',
          'Service',
          'ServiceAccount',
          'Namespace',
          'Secret',
          'networking.istio.io/DestinationRule',
          'networking.istio.io/ServiceEntry',
          'networking.istio.io/Gateway',
          'security.istio.io/AuthorizationPolicy',
        ].every(
          (k) => p.conn.store.state(k as 'Pod') !== 'syncing' && p.conn.store.state(k as 'Pod') !== 'unknown',
        ),
      'first lists',
    );
    return p;
  };

  before(async () => {
    server = await startApiServer({ seedDir: BOOKINFO_SEED, watchTimeoutSeconds: 30 });
    dir = tempDir();
    kcFile = writeJson(dir, 'kubeconfig', kubeconfig(server, 'test'));
  });
  afterEach(async () => {
    server.clearFaults();
    await server.acceptConnections();
    await Promise.all(probes.splice(0).map((p) => p.stop()));
  });
  after(() => server.stop());

  test('a pod-label change in the cluster updates the subset diagnostic', async () => {
    server.apply(canaryPod('v8'));
    const p = await connected();
    const store = p.conn.store;
    await p.until(() => !!store.get('Pod', 'bookinfo', 'reviews-canary-0'), 'the canary pod');
    const before = check(store, { 'dr.yaml': DR('v9') })['dr.yaml'];
    assert.deepEqual(
      before.map((d) => [d.code, d.range.start.line, d.severity, d.message]),
      [['IST0173', SUBSET_LINE, 1, 'subset "v9" selects no workload (app=reviews, version=v9)']],
    );
    assert.deepEqual(
      before[0].relatedInformation?.map((r) => r.message),
      ['0 pods in namespace bookinfo match app=reviews, version=v9 (cluster test)'],
    );
    // Relabel the pod (a MODIFIED watch event): the same subset now selects it.
    server.apply(canaryPod('v9'));
    await p.until(() => store.get('Pod', 'bookinfo', 'reviews-canary-0')?.labels.version === 'v9', 'relabel');
    assert.deepEqual(check(store, { 'dr.yaml': DR('v9') })['dr.yaml'], []);
    server.remove('v1', 'Pod', 'bookinfo', 'reviews-canary-0');
    await p.until(() => !store.get('Pod', 'bookinfo', 'reviews-canary-0'), 'deletion');
    assert.deepEqual(
      check(store, { 'dr.yaml': DR('v9') })['dr.yaml'].map((d) => d.code),
      ['IST0173'],
    );
  });

  test('the valid files have no finding while connected; the missing subset is the only error', () => {
    return connected().then((p) => {
      const v9 = assertNoFalseError(p.conn.store, 'connected');
      assert.deepEqual(
        v9.map((d) => [d.code, d.severity]),
        [['IST0173', 1]],
      );
      const all = check(p.conn.store, VALID);
      assert.deepEqual(Object.values(all).flat(), [], 'no quiet information either: everything resolved');
    });
  });

  test('unreachable: nothing becomes an error; recovers by itself', async () => {
    const p = await connected();
    await server.refuseConnections();
    server.dropWatches();
    await p.until(
      () => p.conn.status.state === 'unreachable' && p.conn.store.state('Pod') === 'stale',
      'unreachable',
    );
    const v9 = assertNoFalseError(p.conn.store, 'unreachable');
    assert.deepEqual(
      v9.map((d) => [d.code, d.severity]),
      [['unresolved-reference', 3]],
    );
    assert.match(v9[0].message, /Pods in cluster test may be out of date: the connection is down/);
    await server.acceptConnections();
    await p.until(() => p.conn.store.state('Pod') === 'synced', 'resynced');
    assert.deepEqual(
      check(p.conn.store, { 'dr.yaml': DR('v9') })['dr.yaml'].map((d) => d.code),
      ['IST0173'],
    );
  });

  test('401: nothing becomes an error', async () => {
    const bad = writeJson(dir, 'kc-401', {
      ...kubeconfig(server, 'test'),
      users: [{ name: 'test-admin', user: { token: 'not-a-valid-token-456' } }],
    });
    const p = new Probe(bad);
    probes.push(p);
    p.start();
    await p.state('unauthorized');
    const v9 = assertNoFalseError(p.conn.store, '401');
    assert.ok(
      v9.every((d) => d.severity === 3),
      JSON.stringify(v9),
    );
  });

  test('403 for Pods: the subset check says so quietly, the other kinds still resolve', async () => {
    server.setFaults({ forbid: [{ resource: 'pods' }] });
    const p = await connected();
    assert.equal(p.conn.store.state('Pod'), 'forbidden');
    const v9 = assertNoFalseError(p.conn.store, '403');
    assert.deepEqual(
      v9.map((d) => [d.code, d.severity, d.message]),
      [
        [
          'unresolved-reference',
          3,
          'A workload with labels app=reviews, version=v9 in namespace bookinfo is not in the workspace, and cannot be checked in the cluster: Pods in cluster test are not readable: forbidden',
        ],
      ],
    );
    // Services still sync: a host missing from both is still an error.
    const vs = check(p.conn.store, {
      'vs.yaml': VALID['vs.yaml'].replace('{host: reviews, subset: v1}', '{host: reviewz}'),
    })['vs.yaml'];
    assert.deepEqual(
      vs.map((d) => [d.code, d.severity, d.message]),
      [
        [
          'IST0101',
          1,
          'host "reviewz.bookinfo.svc.cluster.local" matches no Service or ServiceEntry visible from namespace bookinfo',
        ],
      ],
    );
  });

  test('a watch dropped mid-stream, and 410 Gone: no false error, and changes made meanwhile arrive', async () => {
    const p = await connected();
    const store = p.conn.store;
    server.dropWatches();
    assertNoFalseError(store, 'watch dropped');
    server.apply(canaryPod('v9'));
    await p.until(() => !!store.get('Pod', 'bookinfo', 'reviews-canary-0'), 'pod after the drop');
    assertNoFalseError(store, 'after the drop');
    assert.deepEqual(check(store, { 'dr.yaml': DR('v9') })['dr.yaml'], []);
    server.compact();
    server.dropWatches();
    assertNoFalseError(store, '410 Gone');
    server.remove('v1', 'Pod', 'bookinfo', 'reviews-canary-0');
    await p.until(
      () => !store.get('Pod', 'bookinfo', 'reviews-canary-0') && store.state('Pod') === 'synced',
      'relisted',
    );
    assertNoFalseError(store, 'after 410');
    assert.deepEqual(
      check(store, { 'dr.yaml': DR('v9') })['dr.yaml'].map((d) => d.code),
      ['IST0173'],
    );
  });
});

// istio-lint --context: the files are checked against the cluster (bundled CLI, real connection).

describe('istio-lint --context checks against the cluster', () => {
  let server: ApiServer;
  let kc: string;
  let dir: string;
  before(async () => {
    server = await startApiServer({ seedDir: BOOKINFO_SEED });
    dir = tempDir();
    kc = writeJson(dir, 'kubeconfig', kubeconfig(server, 'ci'));
  });
  after(() => server.stop());

  test('a subset that matches no pod is an error (exit 1); one that matches passes (exit 0)', async () => {
    const bad = join(dir, 'dr-v9.yaml');
    writeFileSync(bad, DR('v9'));
    const r = await lint(['--kubeconfig', kc, '--context', 'ci', '--format', 'json', bad]);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as {
      code: string;
      severity: string;
      message: string;
      range: Diagnostic['range'];
    }[];
    assert.deepEqual(
      out.map((x) => [x.code, x.severity, x.range.start.line, x.message]),
      [['IST0173', 'error', SUBSET_LINE, 'subset "v9" selects no workload (app=reviews, version=v9)']],
    );
    const good = join(dir, 'dr-v1.yaml');
    writeFileSync(good, DR('v1'));
    const ok = await lint(['--kubeconfig', kc, '--context', 'ci', '--format', 'json', good]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout), []);
  });

  test('without --context the same file only gets the quiet "connect a cluster" information', async () => {
    const bad = join(dir, 'dr-v9-offline.yaml');
    writeFileSync(bad, DR('v9'));
    const r = await lint(['--format', 'json', bad]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { code: string; severity: string; message: string }[];
    assert.deepEqual(
      out.map((x) => [x.code, x.severity]),
      [['unresolved-reference', 'information']],
    );
    assert.match(out[0].message, /connect a cluster to check/);
  });

  test('403 for Pods: no error, exit 0, and the information says why', async () => {
    server.setFaults({ forbid: [{ resource: 'pods' }] });
    try {
      const bad = join(dir, 'dr-v9-403.yaml');
      writeFileSync(bad, DR('v9'));
      const r = await lint(['--kubeconfig', kc, '--context', 'ci', '--format', 'json', bad]);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { code: string; severity: string; message: string }[];
      assert.deepEqual(
        out.map((x) => [x.code, x.severity]),
        [['unresolved-reference', 'information']],
      );
      assert.match(out[0].message, /Pods in cluster ci are not readable: forbidden/);
    } finally {
      server.clearFaults();
    }
  });
});
