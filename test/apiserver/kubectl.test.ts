// Conformance: the real kubectl, unchanged, against the test API server seeded with bookinfo.
// Expected values come from the seed manifests and from kubectl's own message formats.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CTX,
  type Running,
  SEED,
  kubectl,
  kubectlOk,
  kubectlStream,
  kubectlVersion,
  startServer,
} from './helpers';

interface Obj {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    generation?: number;
    resourceVersion?: string;
  };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}
const names = (out: string): string[] => out.trim().split('\n').filter(Boolean).sort();
const json = <T = Obj>(out: string): T => JSON.parse(out) as T;

describe('kubectl against the test API server', () => {
  let r: Running;
  before(async () => {
    kubectlVersion();
    r = await startServer({ seedDir: SEED });
  });
  after(async () => r && (await r.stop()));

  test('get: namespaces, pods in a namespace, custom resources', async () => {
    const ns = names(await kubectlOk(r, ['get', 'ns', '-o', 'name']));
    for (const n of ['namespace/bookinfo', 'namespace/default', 'namespace/istio-system', 'namespace/legacy'])
      assert.ok(ns.includes(n), `${n} in ${ns.join(' ')}`);
    const pods = json<{ items: Obj[] }>(
      await kubectlOk(r, ['get', 'pods', '-n', 'bookinfo', '-o', 'json']),
    ).items;
    assert.equal(pods.length, 6);
    assert.ok(
      pods.every((p) => p.kind === 'Pod' && p.apiVersion === 'v1' && p.metadata.namespace === 'bookinfo'),
    );
    assert.deepEqual(names(await kubectlOk(r, ['get', 'vs', '-n', 'bookinfo', '-o', 'name'])), [
      'virtualservice.networking.istio.io/bookinfo',
      'virtualservice.networking.istio.io/reviews',
    ]);
    const dr = json(
      await kubectlOk(r, [
        'get',
        'destinationrules.v1alpha3.networking.istio.io',
        'reviews',
        '-n',
        'bookinfo',
        '-o',
        'json',
      ]),
    );
    assert.equal(dr.apiVersion, 'networking.istio.io/v1alpha3', 'served at the version asked for');
    assert.equal(
      json(await kubectlOk(r, ['get', 'deploy', 'istiod', '-n', 'istio-system', '-o', 'json'])).kind,
      'Deployment',
    );
    assert.ok(
      names(await kubectlOk(r, ['get', 'crd', '-o', 'name'])).includes(
        'customresourcedefinition.apiextensions.k8s.io/virtualservices.networking.istio.io',
      ),
    );
    assert.equal(
      json(
        await kubectlOk(r, [
          'get',
          'gateways.networking.istio.io',
          'bookinfo-gateway',
          '-n',
          'bookinfo',
          '-o',
          'json',
        ]),
      ).kind,
      'Gateway',
    );
    const nf = await kubectl(r, ['get', 'pod', 'nope', '-n', 'bookinfo']);
    assert.equal(nf.status, 1);
    assert.match(nf.stderr, /Error from server \(NotFound\): pods "nope" not found/);
  });

  test('get -l with equality and set-based selectors, and --field-selector', async () => {
    const get = async (...a: string[]) => names(await kubectlOk(r, ['get', 'pods', '-o', 'name', ...a]));
    assert.deepEqual(await get('-n', 'bookinfo', '-l', 'version in (v2,v3)'), [
      'pod/reviews-v2-5b7c6f4d8c-9zl2d',
      'pod/reviews-v3-5f7c7b5b8d-2rjqk',
    ]);
    assert.deepEqual(await get('-n', 'bookinfo', '-l', 'app=reviews,version!=v1'), [
      'pod/reviews-v2-5b7c6f4d8c-9zl2d',
      'pod/reviews-v3-5f7c7b5b8d-2rjqk',
    ]);
    assert.deepEqual(await get('-A', '-l', '!security.istio.io/tlsMode,app'), [
      'pod/istio-ingressgateway-5c9f6b8c4d-7xk2p',
      'pod/istiod-7c9d8b6f5d-h4k2p',
      'pod/sleep-6d68f49858-xq7vb',
    ]);
    assert.deepEqual(await get('-A', '--field-selector', 'metadata.namespace=legacy'), [
      'pod/sleep-6d68f49858-xq7vb',
    ]);
    assert.deepEqual(await get('-A', '--field-selector', 'metadata.name=details-v1-7d88846999-6kxtl'), [
      'pod/details-v1-7d88846999-6kxtl',
    ]);
    const bad = await kubectl(r, ['get', 'pods', '-A', '--field-selector', 'spec.unknown=1']);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /field label not supported: spec\.unknown/);
  });

  test('apply -f: created, configured, unchanged', async () => {
    const file = join(r.dir, 'apply.yaml');
    const manifest = (weight: number, data: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ratings
  namespace: bookinfo
spec:
  host: ratings
  trafficPolicy:
    connectionPool:
      tcp:
        maxConnections: ${weight}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: demo
  namespace: bookinfo
data:
  key: "${data}"
`;
    writeFileSync(file, manifest(10, 'one'));
    assert.deepEqual(names(await kubectlOk(r, ['apply', '-f', file])), [
      'configmap/demo created',
      'destinationrule.networking.istio.io/ratings created',
    ]);
    writeFileSync(file, manifest(20, 'two'));
    assert.deepEqual(names(await kubectlOk(r, ['apply', '-f', file])), [
      'configmap/demo configured',
      'destinationrule.networking.istio.io/ratings configured',
    ]);
    assert.deepEqual(names(await kubectlOk(r, ['apply', '-f', file])), [
      'configmap/demo unchanged',
      'destinationrule.networking.istio.io/ratings unchanged',
    ]);
    const dr = json(await kubectlOk(r, ['get', 'dr', 'ratings', '-n', 'bookinfo', '-o', 'json']));
    assert.deepEqual(dr.spec, {
      host: 'ratings',
      trafficPolicy: { connectionPool: { tcp: { maxConnections: 20 } } },
    });
    assert.ok(dr.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']);
    assert.equal(dr.metadata.generation, 2);
    assert.deepEqual(json(await kubectlOk(r, ['get', 'cm', 'demo', '-n', 'bookinfo', '-o', 'json'])).data, {
      key: 'two',
    });
    // Applying over an object that kubectl did not create (the seeded VirtualService) patches it too.
    writeFileSync(
      file,
      `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n  namespace: bookinfo\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v2}\n`,
    );
    const out = await kubectl(r, ['apply', '-f', file]);
    assert.equal(out.status, 0, out.stderr);
    assert.match(out.stdout, /virtualservice.networking.istio.io\/reviews configured/);
    const vs = json(await kubectlOk(r, ['get', 'vs', 'reviews', '-n', 'bookinfo', '-o', 'json']));
    assert.deepEqual(vs.spec, {
      hosts: ['reviews'],
      http: [{ route: [{ destination: { host: 'reviews', subset: 'v2' } }] }],
    });
  });

  test('label and annotate', async () => {
    assert.equal(
      (await kubectlOk(r, ['label', 'namespace', 'legacy', 'istio-injection=enabled'])).trim(),
      'namespace/legacy labeled',
    );
    assert.equal(
      json(await kubectlOk(r, ['get', 'ns', 'legacy', '-o', 'json'])).metadata.labels?.['istio-injection'],
      'enabled',
    );
    const clash = await kubectl(r, ['label', 'namespace', 'legacy', 'istio-injection=disabled']);
    assert.equal(clash.status, 1);
    assert.match(clash.stderr, /'istio-injection' already has a value \(enabled\), and --overwrite is false/);
    await kubectlOk(r, ['label', 'namespace', 'legacy', 'istio-injection-']);
    assert.equal(
      json(await kubectlOk(r, ['get', 'ns', 'legacy', '-o', 'json'])).metadata.labels?.['istio-injection'],
      undefined,
    );
    assert.equal(
      (
        await kubectlOk(r, [
          'annotate',
          'service',
          'reviews',
          '-n',
          'bookinfo',
          'networking.istio.io/exportTo=.',
        ])
      ).trim(),
      'service/reviews annotated',
    );
    assert.equal(
      json(await kubectlOk(r, ['get', 'svc', 'reviews', '-n', 'bookinfo', '-o', 'json'])).metadata
        .annotations?.['networking.istio.io/exportTo'],
      '.',
    );
    assert.equal(
      (await kubectlOk(r, ['label', 'vs', 'bookinfo', '-n', 'bookinfo', 'team=books'])).trim(),
      'virtualservice.networking.istio.io/bookinfo labeled',
    );
  });

  test('rollout restart deployment', async () => {
    const before = json(await kubectlOk(r, ['get', 'deploy', 'reviews-v1', '-n', 'bookinfo', '-o', 'json']));
    assert.equal(
      (await kubectlOk(r, ['rollout', 'restart', 'deployment', 'reviews-v1', '-n', 'bookinfo'])).trim(),
      'deployment.apps/reviews-v1 restarted',
    );
    const after = json<Obj & { spec: { template: { metadata: { annotations?: Record<string, string> } } } }>(
      await kubectlOk(r, ['get', 'deploy', 'reviews-v1', '-n', 'bookinfo', '-o', 'json']),
    );
    assert.match(
      after.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'] ?? '',
      /^\d{4}-\d\d-\d\dT/,
    );
    assert.equal(after.metadata.generation, (before.metadata.generation ?? 0) + 1);
    assert.notEqual(after.metadata.resourceVersion, before.metadata.resourceVersion);
    const all = names(await kubectlOk(r, ['rollout', 'restart', 'deployment', '-n', 'istio-system']));
    assert.deepEqual(all, [
      'deployment.apps/istio-ingressgateway restarted',
      'deployment.apps/istiod restarted',
    ]);
  });

  test('get -w prints a change that arrives while it watches', async () => {
    const w = kubectlStream(r, ['get', 'pods', '-n', 'bookinfo', '-l', 'app=ratings', '-w', '-o', 'name']);
    try {
      await w.waitFor('pod/ratings-v1-b8bd8d8f9-4gvqc');
      r.server.apply({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: 'ratings-v1-b8bd8d8f9-new01',
          namespace: 'bookinfo',
          labels: { app: 'ratings', version: 'v1' },
        },
        spec: {
          containers: [{ name: 'ratings', image: 'docker.io/istio/examples-bookinfo-ratings-v1:1.20.3' }],
        },
      });
      await w.waitFor('pod/ratings-v1-b8bd8d8f9-new01');
      assert.ok(!w.stdout.includes('reviews'), 'the label selector applies to the watch');
    } finally {
      w.kill();
    }
  });

  test('auth whoami: the client certificate is user CN in groups O, the token is its user', async () => {
    const who = async (ctx: string) =>
      json<{ status: { userInfo: { username: string; groups: string[] } } }>(
        await kubectlOk(r, ['--context', ctx, 'auth', 'whoami', '-o', 'json']),
      ).status.userInfo;
    assert.deepEqual(await who(CTX.cert), {
      username: 'cert-admin',
      groups: ['system:masters', 'system:authenticated'],
    });
    assert.deepEqual(await who(CTX.token), {
      username: 'admin',
      groups: ['system:masters', 'system:authenticated'],
    });
    assert.equal((await who(CTX.viewer)).username, 'viewer');
    assert.ok(
      names(await kubectlOk(r, ['--context', CTX.cert, 'get', 'ns', '-o', 'name'])).includes(
        'namespace/bookinfo',
      ),
    );
  });

  test('auth failure: a wrong token gets 401, and kubectl says to log in', async () => {
    const res = await kubectl(r, ['--token', 'not-a-valid-token', 'get', 'pods']);
    assert.equal(res.status, 1);
    assert.match(res.stderr, /error: You must be logged in to the server \(Unauthorized\)/);
  });

  test('forbidden: a read-only user cannot label; a denied kind is forbidden, other kinds still work', async () => {
    const res = await kubectl(r, ['--context', CTX.viewer, 'label', 'namespace', 'legacy', 'a=b']);
    assert.equal(res.status, 1);
    assert.match(
      res.stderr,
      /Error from server \(Forbidden\): namespaces "legacy" is forbidden: User "viewer" cannot patch resource "namespaces" in API group "" in the namespace "legacy"/,
    );
    r.server.setFaults({ forbid: [{ group: '', resource: 'pods' }] });
    try {
      const pods = await kubectl(r, ['get', 'pods', '-A']);
      assert.equal(pods.status, 1);
      assert.match(
        pods.stderr,
        /Error from server \(Forbidden\): pods is forbidden: User "admin" cannot list resource "pods" in API group "" at the cluster scope/,
      );
      assert.ok(names(await kubectlOk(r, ['get', 'svc', '-A', '-o', 'name'])).includes('service/reviews'));
    } finally {
      r.server.clearFaults();
    }
  });

  test('connection refused while the server refuses connections, and back afterwards', async () => {
    await r.server.refuseConnections();
    try {
      const res = await kubectl(r, ['get', 'ns']);
      assert.equal(res.status, 1);
      assert.match(
        res.stderr,
        new RegExp(`The connection to the server 127\\.0\\.0\\.1:${r.server.port} was refused`),
      );
    } finally {
      await r.server.acceptConnections();
    }
    await kubectlOk(r, ['get', 'ns']);
  });
});
