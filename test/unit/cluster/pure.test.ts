import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Backoff, sleep } from '../../../server/src/cluster/backoff';
import { Redactor, redactPatterns } from '../../../server/src/cluster/redact';
import { compareVersions, crdResource, resourcePath } from '../../../server/src/cluster/resources';
import { imageTag, summarize } from '../../../server/src/service/cluster/summarize';
import { ClusterStore } from '../../../server/src/service/cluster/store';
import type {
  ClusterChange,
  CrdSummary,
  PodSummary,
  ServiceSummary,
} from '../../../server/src/service/cluster/types';

describe('backoff', () => {
  test('doubles from the initial delay up to the cap, within the jitter', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 12, maxLength: 12 }),
        (rs) => {
          let i = 0;
          const b = new Backoff(500, 30_000, 0.2, () => rs[i++]);
          for (let n = 0; n < 12; n++) {
            const base = Math.min(30_000, 500 * 2 ** n);
            const d = b.next();
            assert.ok(
              d >= Math.floor(base * 0.8) && d <= Math.min(30_000, Math.ceil(base * 1.2)),
              `${n}: ${d} vs ${base}`,
            );
          }
        },
      ),
    );
  });
  test('reset starts again from the initial delay', () => {
    const b = new Backoff(100, 1000, 0, () => 0.5);
    assert.deepEqual([b.next(), b.next(), b.next(), b.next(), b.next()], [100, 200, 400, 800, 1000]);
    b.reset();
    assert.equal(b.next(), 100);
  });
  test('sleep ends at once when aborted', async () => {
    const ac = new AbortController();
    const p = sleep(60_000, ac.signal);
    ac.abort();
    await p;
  });
});

describe('redaction', () => {
  test('registered secrets and their decoded form never come through', () => {
    const r = new Redactor();
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEabc\n-----END PRIVATE KEY-----';
    const token = 'sha256~Zm9vYmFyYmF6cXV4';
    r.add(token, Buffer.from(pem).toString('base64'), 'abc');
    const out = r.redact(
      `token ${token} and key ${pem} and short abc and data ${Buffer.from(pem).toString('base64')}`,
    );
    assert.ok(!out.includes(token));
    assert.ok(!out.includes('MIIEabc'));
    assert.ok(!out.includes(Buffer.from(pem).toString('base64')));
    assert.ok(out.includes('short abc'), 'short values are not masked');
  });
  const cases: [string, string][] = [
    ['Authorization: Bearer abc.def-123', 'abc.def-123'],
    ['{"token": "s3cr3t-value"}', 's3cr3t-value'],
    ['client-key-data: LS0tLS1CRUdJTiBSU0E=', 'LS0tLS1CRUdJTiBSU0E='],
    ['id eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpM', 'SflKxwRJSMeKKF2QT4fwpM'],
    ['proxy http://bob:hunter22@proxy.example:3128', 'hunter22'],
    ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', 'MIIB'],
  ];
  for (const [text, secret] of cases)
    test(`pattern: ${secret}`, () => assert.ok(!redactPatterns(text).includes(secret)));
});

describe('summaries keep only what checks read', () => {
  test('Service: ports, selector, exportTo', () => {
    const s = summarize('Service', {
      metadata: {
        name: 'reviews',
        namespace: 'bookinfo',
        labels: { app: 'reviews' },
        resourceVersion: '7',
        annotations: { 'networking.istio.io/exportTo': '., istio-system' },
      },
      spec: {
        type: 'ClusterIP',
        selector: { app: 'reviews' },
        ports: [{ name: 'http', port: 9080, targetPort: 9080, protocol: 'TCP' }],
      },
    }) as ServiceSummary;
    assert.deepEqual(s, {
      kind: 'Service',
      namespace: 'bookinfo',
      name: 'reviews',
      labels: { app: 'reviews' },
      resourceVersion: '7',
      type: 'ClusterIP',
      ports: [{ name: 'http', port: 9080, protocol: 'TCP', targetPort: 9080 }],
      selector: { app: 'reviews' },
      exportTo: ['.', 'istio-system'],
    });
    const noSel = summarize('Service', {
      metadata: { name: 'x' },
      spec: { ports: [{ port: 80 }] },
    }) as ServiceSummary;
    assert.equal(noSel.selector, undefined, 'no selector is not an empty selector');
    assert.equal(noSel.ports[0].protocol, 'TCP', 'the API server defaults protocol to TCP');
  });
  test('Pod: proxy presence and image, service account, phase, node', () => {
    const p = summarize('Pod', {
      metadata: { name: 'r-1', namespace: 'b', labels: { version: 'v1' } },
      spec: {
        serviceAccountName: 'reviews',
        nodeName: 'n1',
        containers: [
          { name: 'app', image: 'a' },
          { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.30.3' },
        ],
      },
      status: { phase: 'Running' },
    }) as PodSummary;
    assert.deepEqual(
      [p.hasProxy, p.proxyImage, p.serviceAccount, p.phase, p.node],
      [true, 'docker.io/istio/proxyv2:1.30.3', 'reviews', 'Running', 'n1'],
    );
    const bare = summarize('Pod', {
      metadata: { name: 'x' },
      spec: { containers: [{ name: 'app' }] },
    }) as PodSummary;
    assert.deepEqual([bare.hasProxy, bare.serviceAccount], [false, 'default']);
    const native = summarize('Pod', {
      metadata: { name: 'x' },
      spec: { initContainers: [{ name: 'istio-proxy', image: 'p:1' }] },
    }) as PodSummary;
    assert.equal(native.hasProxy, true, 'native sidecars are init containers');
  });
  test('Secret: name and type, never data', () => {
    const s = summarize('Secret', {
      metadata: { name: 'cert', namespace: 'istio-system' },
      type: 'kubernetes.io/tls',
      data: { 'tls.key': 'c2VjcmV0' },
    });
    assert.equal(JSON.stringify(s).includes('c2VjcmV0'), false);
    assert.equal((s as { type: string }).type, 'kubernetes.io/tls');
  });
  test('istio ConfigMap: MeshConfig fields; a broken mesh key is reported, not thrown', () => {
    const cm = summarize('ConfigMap', {
      metadata: { name: 'istio', namespace: 'istio-system' },
      data: {
        mesh: 'rootNamespace: istio-system\ntrustDomain: cluster.local\ndefaultServiceExportTo: ["."]\noutboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n',
      },
    });
    assert.deepEqual((cm as { mesh: unknown }).mesh, {
      rootNamespace: 'istio-system',
      trustDomain: 'cluster.local',
      defaultServiceExportTo: ['.'],
      outboundTrafficPolicyMode: 'REGISTRY_ONLY',
    });
    const bad = summarize('ConfigMap', { metadata: { name: 'istio' }, data: { mesh: 'a: [' } }) as {
      parseError?: string;
    };
    assert.ok(bad.parseError);
    const inj = summarize('ConfigMap', {
      metadata: { name: 'istio-sidecar-injector' },
      data: { config: 'policy: disabled\nneverInjectSelector:\n- matchLabels: {skip: "yes"}\n' },
    });
    assert.deepEqual((inj as { injector: unknown }).injector, {
      policy: 'disabled',
      neverInjectSelector: [{ matchLabels: { skip: 'yes' } }],
    });
  });
  test('istiod Deployment: version from the image tag, revision from istio.io/rev', () => {
    const d = summarize('Deployment', {
      metadata: {
        name: 'istiod-canary',
        namespace: 'istio-system',
        labels: { app: 'istiod', 'istio.io/rev': 'canary' },
      },
      spec: {
        template: {
          spec: {
            containers: [{ name: 'discovery', image: 'gcr.io/istio-release/pilot:1.22.1-distroless' }],
          },
        },
      },
    });
    assert.deepEqual(
      [(d as { version?: string }).version, (d as { revision: string }).revision],
      ['1.22.1', 'canary'],
    );
    assert.equal(imageTag('localhost:5000/istio/pilot'), undefined, 'a registry port is not a tag');
    assert.equal(imageTag('istio/pilot:1.30.3@sha256:abcd'), '1.30.3');
  });
  test('webhook selectors', () => {
    const w = summarize('MutatingWebhookConfiguration', {
      metadata: { name: 'istio-sidecar-injector' },
      webhooks: [
        {
          name: 'rev.namespace.sidecar-injector.istio.io',
          clientConfig: { service: { name: 'istiod', namespace: 'istio-system' } },
          namespaceSelector: {
            matchExpressions: [{ key: 'istio-injection', operator: 'In', values: ['enabled'] }],
          },
        },
      ],
    });
    assert.deepEqual((w as { webhooks: unknown }).webhooks, [
      {
        name: 'rev.namespace.sidecar-injector.istio.io',
        namespaceSelector: {
          matchExpressions: [{ key: 'istio-injection', operator: 'In', values: ['enabled'] }],
        },
        service: 'istio-system/istiod',
      },
    ]);
  });
  test('junk never throws', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'Service',
          'Pod',
          'Secret',
          'ConfigMap',
          'Deployment',
          'CustomResourceDefinition',
          'MutatingWebhookConfiguration',
          'networking.istio.io/VirtualService',
        ),
        fc.anything(),
        (k, raw) => {
          summarize(k, raw);
          summarize(k, { metadata: raw, spec: raw, data: raw, status: raw, webhooks: raw });
        },
      ),
    );
  });
});

describe('resources', () => {
  test('Kubernetes version priority', () => {
    assert.deepEqual(
      ['v1alpha3', 'v1beta1', 'v2', 'v1', 'foo', 'v10alpha1', 'v11beta2', 'v12'].sort(compareVersions),
      ['v12', 'v2', 'v1', 'v11beta2', 'v1beta1', 'v10alpha1', 'v1alpha3', 'foo'],
    );
  });
  test('an Istio CRD is read at its preferred served version; other groups are not', () => {
    const crd = (group: string, versions: [string, boolean][]): CrdSummary => ({
      kind: 'CustomResourceDefinition',
      namespace: '',
      name: `virtualservices.${group}`,
      labels: {},
      resourceVersion: '1',
      group,
      crdKind: 'VirtualService',
      plural: 'virtualservices',
      scope: 'Namespaced',
      versions: versions.map(([name, served]) => ({ name, served, storage: false })),
    });
    const def = crdResource(
      crd('networking.istio.io', [
        ['v1alpha3', true],
        ['v1beta1', true],
        ['v1', true],
        ['v2', false],
      ]),
    );
    assert.equal(def?.version, 'v1');
    assert.equal(def && resourcePath(def), '/apis/networking.istio.io/v1/virtualservices');
    assert.equal(crdResource(crd('example.com', [['v1', true]])), undefined);
    assert.equal(crdResource(crd('networking.istio.io', [['v1', false]])), undefined);
  });
});

describe('ClusterStore', () => {
  const pod = (ns: string, name: string, labels: Record<string, string> = {}) =>
    summarize('Pod', { metadata: { name, namespace: ns, labels } });
  test('a burst of changes is one notification; list per namespace; remove', async () => {
    const s = new ClusterStore('ctx');
    const seen: ClusterChange[] = [];
    s.onDidChange((c) => seen.push(c));
    s.setState('Pod', 'synced');
    s.replace('Pod', [pod('a', 'p1'), pod('b', 'p2')]);
    s.upsert(pod('a', 'p3', { v: '1' }));
    await Promise.resolve();
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0].kinds, ['Pod']);
    assert.deepEqual(
      s
        .list('Pod', 'a')
        .map((p) => p.name)
        .sort(),
      ['p1', 'p3'],
    );
    assert.equal(s.list('Pod').length, 3);
    assert.deepEqual(s.get('Pod', 'a', 'p3')?.labels, { v: '1' });
    s.remove('Pod', 'a', 'p1');
    assert.equal(s.count('Pod'), 2);
    s.markStale();
    assert.equal(s.state('Pod'), 'stale');
    assert.equal(s.state('Service'), 'unknown');
  });
  test('replace with an owner keeps the objects of other lists', () => {
    const s = new ClusterStore();
    const cm = (name: string) => summarize('ConfigMap', { metadata: { name, namespace: 'istio-system' } });
    s.replace('ConfigMap', [cm('istio')], (n) => n === 'istio');
    s.replace('ConfigMap', [cm('istio-sidecar-injector')], (n) => n === 'istio-sidecar-injector');
    s.replace('ConfigMap', [], (n) => n === 'istio');
    assert.deepEqual(
      s.list('ConfigMap').map((c) => c.name),
      ['istio-sidecar-injector'],
    );
  });
});
