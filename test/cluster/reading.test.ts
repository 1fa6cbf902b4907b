import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { BOOKINFO_SEED, kubeconfig, startApiServer, type ApiServer } from '../../scripts/apiserver/index.mjs';
import type {
  ConfigMapSummary,
  CrdSummary,
  MutatingWebhookSummary,
  PodSummary,
  SecretSummary,
} from '../../server/src/service/cluster/types';
import { Probe, tempDir, writeJson } from './harness';

// Issue 13, section 2: every listed kind is read, summaries only; watches resume from the last
// resourceVersion; a dropped watch resumes, 410 Gone re-lists. The requests are the test API
// server's own request log (one line per request it received).

describe('what is read, and how watches resume', () => {
  let server: ApiServer;
  let kcFile: string;
  const requests: string[] = [];
  const probes: Probe[] = [];
  const probe = (): Probe => {
    const p = new Probe(kcFile);
    probes.push(p);
    return p;
  };

  before(async () => {
    server = await startApiServer({ seedDir: BOOKINFO_SEED, watchTimeoutSeconds: 30 });
    server.options.log = (line) => requests.push(line);
    kcFile = writeJson(tempDir(), 'kubeconfig', kubeconfig(server, 'test'));
    server.apply({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw-api', namespace: 'bookinfo' },
      spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
    });
    server.apply({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'route-api', namespace: 'bookinfo' },
      spec: { parentRefs: [{ name: 'gw-api' }] },
    });
    server.apply({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'audit-secret', namespace: 'bookinfo' },
      type: 'Opaque',
      data: { password: Buffer.from('never-in-the-store-42').toString('base64') },
      stringData: undefined,
    });
  });
  afterEach(async () => {
    await Promise.all(probes.splice(0).map((p) => p.stop()));
  });
  after(() => server.stop());

  test('every kind of section 2 is listed and synced, as summaries', async () => {
    const p = probe();
    p.start();
    await p.state('connected');
    const store = p.conn.store;
    const crds = store.list('CustomResourceDefinition') as CrdSummary[];
    const istioKinds = crds
      .filter((c) => c.group.endsWith('istio.io'))
      .map((c) => `${c.group}/${c.crdKind}` as const);
    assert.ok(istioKinds.length >= 10, `the Istio CRDs are read: ${istioKinds.length}`);
    await p.until(() => istioKinds.every((k) => store.state(k) === 'synced'), 'a reflector per Istio CRD');
    for (const k of [
      'Namespace',
      'Service',
      'Pod',
      'ServiceAccount',
      'Secret',
      'MutatingWebhookConfiguration',
      'ConfigMap',
      'CustomResourceDefinition',
      'Deployment',
      'gateway.networking.k8s.io/Gateway',
      'gateway.networking.k8s.io/HTTPRoute',
    ] as const) {
      assert.equal(store.state(k), 'synced', k);
    }
    // Istio CRs, from the seed (30-istio-config.yaml).
    assert.ok(store.get('networking.istio.io/Gateway', 'bookinfo', 'bookinfo-gateway'));
    assert.ok(store.get('networking.istio.io/DestinationRule', 'bookinfo', 'reviews'));
    // Gateway API objects.
    assert.ok(store.get('gateway.networking.k8s.io/Gateway', 'bookinfo', 'gw-api'));
    assert.ok(store.get('gateway.networking.k8s.io/HTTPRoute', 'bookinfo', 'route-api'));
    // Pods: labels, service account, istio-proxy and its image, phase, node (seed values).
    const pod = store.get('Pod', 'bookinfo', 'productpage-v1-564d4686f-q8hp9') as PodSummary;
    assert.equal(pod.labels.app, 'productpage');
    assert.equal(pod.serviceAccount, 'bookinfo-productpage');
    assert.equal(pod.hasProxy, true);
    assert.match(pod.proxyImage ?? '', /proxyv2:1\.30\.3$/);
    assert.equal(pod.phase, 'Running');
    assert.equal(pod.node, 'demo-node');
    // Secrets: name and type, never the data.
    const secret = store.get('Secret', 'bookinfo', 'audit-secret') as SecretSummary;
    assert.equal(secret.type, 'Opaque');
    const all = JSON.stringify(store.list('Secret'));
    assert.ok(!all.includes(Buffer.from('never-in-the-store-42').toString('base64')));
    assert.ok(!all.includes('never-in-the-store-42'));
    assert.ok(!all.includes('ZGVtbw=='), 'the seed TLS secret data is dropped too');
    assert.ok(!('data' in secret));
    // The injection webhook and the two Istio ConfigMaps, and no other ConfigMap.
    const hooks = store.list('MutatingWebhookConfiguration') as MutatingWebhookSummary[];
    assert.ok(hooks.some((h) => h.name === 'istio-sidecar-injector' && h.webhooks.length > 0));
    const cms = store.list('ConfigMap') as ConfigMapSummary[];
    assert.deepEqual(cms.map((c) => c.name).sort(), ['istio', 'istio-sidecar-injector']);
    assert.ok(cms.find((c) => c.name === 'istio')?.mesh, 'MeshConfig read');
    assert.ok(cms.find((c) => c.name === 'istio-sidecar-injector')?.injector, 'injection defaults read');
    // istiod: version and revision.
    const istio = store.istio()[0];
    assert.equal(istio?.version, '1.30.3');
    assert.equal(istio?.revision, 'default');
    // Only istiod Deployments are read (the label selector), not the bookinfo ones.
    assert.ok(store.list('Deployment').every((d) => d.namespace === 'istio-system'));
  });

  const params = (line: string): { path: string; q: URLSearchParams } => {
    const [, target] = line.split(' ');
    const u = new URL(target, 'https://x');
    return { path: u.pathname, q: u.searchParams };
  };
  const namespaceRequests = (from: number): { watch: boolean; rv: string | null }[] =>
    requests
      .slice(from)
      .map(params)
      .filter((r) => r.path === '/api/v1/namespaces')
      .map((r) => ({ watch: r.q.get('watch') === 'true', rv: r.q.get('resourceVersion') }));

  test('a watch that ends, or drops, resumes from the last resourceVersion without listing again', async () => {
    const p = probe();
    p.start();
    await p.state('connected');
    const store = p.conn.store;
    server.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'resume-a' } });
    await p.until(() => !!store.get('Namespace', '', 'resume-a'), 'resume-a');
    const seen = Number(store.get('Namespace', '', 'resume-a')?.resourceVersion);
    for (const fault of ['end', 'drop'] as const) {
      const mark = requests.length;
      const said = p.statuses.length;
      if (fault === 'end') server.endWatches();
      else server.dropWatches();
      // A change made after the fault arrives only through a new watch (or a list).
      server.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `resume-${fault}` } });
      await p.until(() => !!store.get('Namespace', '', `resume-${fault}`), `resume-${fault}`);
      const again = namespaceRequests(mark);
      assert.ok(again.length > 0, `${fault}: watched again`);
      assert.ok(
        again.every((r) => r.watch),
        `${fault}: no list request: ${JSON.stringify(again)}`,
      );
      assert.ok(Number(again[0].rv) >= seen, `${fault}: resumed from ${again[0].rv}, last seen ${seen}`);
      // The server stayed reachable: no status line says otherwise.
      assert.deepEqual(
        p.statuses.slice(said).map((s) => s.state),
        [],
        `${fault}: ${JSON.stringify(p.statuses.slice(said))}`,
      );
    }
  });

  test('410 Gone: the kind is listed again, then watched from the new list', async () => {
    const p = probe();
    p.start();
    await p.state('connected');
    const store = p.conn.store;
    const mark = requests.length;
    // While the client is cut off, the cluster moves on and forgets its history: the client's
    // resourceVersion is then older than the oldest the server keeps.
    await server.refuseConnections();
    server.dropWatches();
    server.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'after-gone-2' } });
    server.compact();
    await server.acceptConnections();
    await p.until(() => !!store.get('Namespace', '', 'after-gone-2'), 'after-gone-2');
    // Then a change that only a watch from the new list brings.
    server.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'after-gone-3' } });
    await p.until(() => !!store.get('Namespace', '', 'after-gone-3'), 'after-gone-3');
    const rs = namespaceRequests(mark);
    const list = rs.findIndex((r) => !r.watch);
    assert.ok(list > 0, `a watch was refused before the list: ${JSON.stringify(rs)}`);
    assert.equal(rs[list].rv, null, 'the re-list is a fresh list, not from the old resourceVersion');
    assert.ok(
      rs.slice(list + 1).some((r) => r.watch && Number(r.rv) > 0),
      `then a watch from the list's resourceVersion: ${JSON.stringify(rs)}`,
    );
    assert.equal(p.conn.status.state, 'connected');
  });
});
