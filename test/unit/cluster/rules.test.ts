import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import {
  brief,
  clusterOf,
  crossCheck,
  injectorConfigMap,
  injectorWebhooks,
  namespace,
  pod,
  secret,
  service_,
  serviceAccount,
  type Raw,
} from './clusterHelpers';

const only = (ds: Diagnostic[], code: string): Diagnostic[] => ds.filter((d) => d.code === code);
const related = (d: Diagnostic): string[] => (d.relatedInformation ?? []).map((r) => r.message);

const INGRESS = pod('istio-system', 'istio-ingressgateway-7d9f', {
  istio: 'ingressgateway',
  app: 'istio-ingressgateway',
});
const INGRESS_SVC = service_('istio-system', 'istio-ingressgateway', { istio: 'ingressgateway' }, [
  { name: 'http2', port: 80, targetPort: 8080 },
  { name: 'https', port: 443, targetPort: 8443 },
]);

// Line numbers (0-based) are those of the text below.
const GW = (port: number, credential = 'shop-cert', selector = 'istio: ingressgateway'): string =>
  `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: edge}
spec:
  selector: {${selector}}
  servers:
  - port: {number: ${port}, name: https, protocol: HTTPS}
    hosts: ["shop.example.com"]
    tls: {mode: SIMPLE, credentialName: ${credential}}
`;

describe('IST0101 credentialName', () => {
  it('passes when the Secret is in the namespace of the gateway pods', () => {
    const d = crossCheck(
      { 'gw.yaml': GW(443) },
      clusterOf([
        INGRESS,
        INGRESS_SVC,
        secret('istio-system', 'shop-cert', 'kubernetes.io/tls', { 'tls.crt': 'eA==', 'tls.key': 'eA==' }),
      ]),
    )['gw.yaml'];
    assert.deepEqual(brief(d), []);
  });
  it('is an error when the Secret exists only in the Gateway namespace, not where the gateway runs', () => {
    const d = crossCheck(
      { 'gw.yaml': GW(443) },
      clusterOf([
        INGRESS,
        INGRESS_SVC,
        secret('edge', 'shop-cert', 'kubernetes.io/tls', { 'tls.crt': 'eA==', 'tls.key': 'eA==' }),
      ]),
    )['gw.yaml'];
    assert.deepEqual(brief(d), [
      [
        'IST0101',
        8,
        1,
        'credentialName "shop-cert": no Secret of that name in namespace istio-system, where the gateway runs',
      ],
    ]);
    assert.deepEqual(related(d[0]), ['no Secret shop-cert in namespace istio-system (cluster prod-eu)']);
  });
  it('is quiet while Secrets are forbidden', () => {
    const d = crossCheck({ 'gw.yaml': GW(443) }, clusterOf([INGRESS, INGRESS_SVC], { Secret: 'forbidden' }))[
      'gw.yaml'
    ];
    assert.deepEqual(
      d.map((x) => [x.code, x.severity]),
      [['unresolved-reference', 3]],
    );
    assert.match(d[0].message, /Secrets in cluster prod-eu are not readable: forbidden/);
  });
});

describe('IST0161 gateway credential without a certificate', () => {
  it('is an error when the Secret has neither tls.crt/tls.key nor cert/key', () => {
    const d = crossCheck(
      { 'gw.yaml': GW(443) },
      clusterOf([INGRESS, INGRESS_SVC, secret('istio-system', 'shop-cert', 'Opaque', { 'ca.crt': 'eA==' })]),
    )['gw.yaml'];
    assert.deepEqual(brief(d), [
      [
        'IST0161',
        8,
        1,
        'Secret istio-system/shop-cert holds no server certificate: it needs non-empty tls.crt and tls.key (or cert and key)',
      ],
    ]);
    assert.deepEqual(related(d[0]), [
      'Secret istio-system/shop-cert (type Opaque) has keys ca.crt (cluster prod-eu)',
    ]);
  });
  it('is an error when the keys are there but empty', () => {
    const d = crossCheck(
      { 'gw.yaml': GW(443) },
      clusterOf([INGRESS, INGRESS_SVC, secret('istio-system', 'shop-cert', 'Opaque', { cert: '', key: '' })]),
    )['gw.yaml'];
    assert.deepEqual(only(d, 'IST0161').length, 1);
  });
  it('passes with cert and key', () => {
    const d = crossCheck(
      { 'gw.yaml': GW(443) },
      clusterOf([
        INGRESS,
        INGRESS_SVC,
        secret('istio-system', 'shop-cert', 'Opaque', { cert: 'eA==', key: 'eA==' }),
      ]),
    )['gw.yaml'];
    assert.deepEqual(brief(d), []);
  });
});

describe('IST0162 gateway port not on the gateway Service', () => {
  const objects: Raw[] = [
    INGRESS,
    INGRESS_SVC,
    secret('istio-system', 'shop-cert', 'kubernetes.io/tls', { 'tls.crt': 'eA==', 'tls.key': 'eA==' }),
  ];
  it('passes for a Service port and for a target port', () => {
    assert.deepEqual(brief(crossCheck({ 'gw.yaml': GW(443) }, clusterOf(objects))['gw.yaml']), []);
    assert.deepEqual(brief(crossCheck({ 'gw.yaml': GW(8443) }, clusterOf(objects))['gw.yaml']), []);
  });
  it('warns for a port the Service does not expose, naming what it does expose', () => {
    const d = crossCheck({ 'gw.yaml': GW(9443) }, clusterOf(objects))['gw.yaml'];
    assert.deepEqual(brief(d), [
      [
        'IST0162',
        6,
        2,
        'port 9443 is not a port or target port of any Service that selects the gateway workloads (istio=ingressgateway)',
      ],
    ]);
    assert.deepEqual(related(d[0]), [
      'Service istio-system/istio-ingressgateway expose 80, 443, 8080, 8443 (cluster prod-eu)',
    ]);
  });
  it('says nothing while Services are still syncing', () => {
    const d = crossCheck({ 'gw.yaml': GW(9443) }, clusterOf(objects, { Service: 'syncing' }))['gw.yaml'];
    assert.deepEqual(only(d, 'IST0162'), []);
  });
});

describe('IST0101 gateway selector against cluster pods', () => {
  it('is an error when no pod in the cluster matches', () => {
    const d = crossCheck(
      { 'gw.yaml': GW(443, 'shop-cert', 'istio: eastwest') },
      clusterOf([INGRESS, INGRESS_SVC]),
    )['gw.yaml'];
    assert.deepEqual(brief(d), [['IST0101', 4, 1, 'the selector matches no workload in the mesh']]);
    assert.deepEqual(related(d[0]), ['0 pods in the mesh match istio=eastwest (cluster prod-eu)']);
  });
});

const DEPLOY = (ns: string, extraTemplateLabels = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web${extraTemplateLabels}}
    spec:
      containers: [{name: web, image: example/web:1}]
`;

describe('IST0102 namespace not injected', () => {
  const base = [
    injectorWebhooks(),
    injectorConfigMap({ global: { hub: 'docker.io/istio', tag: '1.30.3', proxy: { image: 'proxyv2' } } }),
  ];
  it('is information on metadata.namespace of a workload whose namespace has no injection label', () => {
    const d = crossCheck({ 'd.yaml': DEPLOY('shop') }, clusterOf([...base, namespace('shop')]))['d.yaml'];
    assert.deepEqual(brief(d), [
      [
        'IST0102',
        4,
        3,
        'namespace shop is not enabled for sidecar injection: label it istio-injection=enabled or istio.io/rev=<revision>',
      ],
    ]);
    assert.deepEqual(related(d[0]), [
      'Namespace shop has no istio-injection or istio.io/rev label (cluster prod-eu)',
    ]);
  });
  it('passes for istio-injection=enabled, istio.io/rev, ambient, and when namespaces are injected by default', () => {
    for (const labels of <Record<string, string>[]>[
      { 'istio-injection': 'enabled' },
      { 'istio.io/rev': 'canary' },
      { 'istio.io/dataplane-mode': 'ambient' },
    ])
      assert.deepEqual(
        brief(
          crossCheck({ 'd.yaml': DEPLOY('shop') }, clusterOf([...base, namespace('shop', labels)]))['d.yaml'],
        ),
        [],
      );
    const byDefault = [
      injectorWebhooks(),
      injectorConfigMap({ sidecarInjectorWebhook: { enableNamespacesByDefault: true } }),
      namespace('shop'),
    ];
    assert.deepEqual(brief(crossCheck({ 'd.yaml': DEPLOY('shop') }, clusterOf(byDefault))['d.yaml']), []);
  });
  it('passes for a namespace whose pods all carry the sidecar (they opt in one by one, as gateways do)', () => {
    const gw = pod(
      'shop',
      'gw-1',
      { app: 'gw', 'sidecar.istio.io/inject': 'true' },
      { proxyImage: 'docker.io/istio/proxyv2:1.30.3' },
    );
    assert.deepEqual(
      brief(crossCheck({ 'd.yaml': DEPLOY('shop') }, clusterOf([...base, namespace('shop'), gw]))['d.yaml']),
      [],
    );
    const bare = pod('shop', 'web-1', { app: 'web' });
    assert.deepEqual(
      brief(
        crossCheck({ 'd.yaml': DEPLOY('shop') }, clusterOf([...base, namespace('shop'), gw, bare]))['d.yaml'],
      ).map((x) => x[0]),
      ['IST0102'],
    );
  });
  it('says nothing while the webhooks are not readable', () => {
    const d = crossCheck(
      { 'd.yaml': DEPLOY('shop') },
      clusterOf([...base, namespace('shop')], { MutatingWebhookConfiguration: 'forbidden' }),
    )['d.yaml'];
    assert.deepEqual(brief(d), []);
  });
});

describe('IST0103 pods without the sidecar', () => {
  const ns = namespace('shop', { 'istio-injection': 'enabled' });
  it('warns on the workload whose running pods have no istio-proxy', () => {
    const d = crossCheck(
      { 'd.yaml': DEPLOY('shop') },
      clusterOf([ns, pod('shop', 'web-5c7-x1', { app: 'web' })]),
    )['d.yaml'];
    assert.deepEqual(brief(d), [
      [
        'IST0103',
        3,
        2,
        '1 pod of Deployment shop/web run without the istio-proxy sidecar although namespace shop has istio-injection=enabled; restart the workload to inject it',
      ],
    ]);
    assert.deepEqual(related(d[0]), ['no istio-proxy container in pod web-5c7-x1 (cluster prod-eu)']);
  });
  it('passes for injected pods, pods that opt out, and hostNetwork pods', () => {
    for (const p of [
      pod('shop', 'web-1', { app: 'web' }, { proxyImage: 'docker.io/istio/proxyv2:1.30.3' }),
      pod('shop', 'web-2', { app: 'web' }, { annotations: { 'sidecar.istio.io/inject': 'false' } }),
      pod('shop', 'web-3', { app: 'web', 'sidecar.istio.io/inject': 'false' }),
      pod('shop', 'web-4', { app: 'web' }, { hostNetwork: true }),
    ])
      assert.deepEqual(brief(crossCheck({ 'd.yaml': DEPLOY('shop') }, clusterOf([ns, p]))['d.yaml']), []);
  });
});

describe('IST0158 proxy image differs from the injector', () => {
  const objects = (image: string, extra: Record<string, string> = {}): Raw[] => [
    namespace('shop', { 'istio-injection': 'enabled' }),
    injectorConfigMap({ global: { hub: 'docker.io/istio', tag: '1.30.3', proxy: { image: 'proxyv2' } } }),
    pod('shop', 'web-1', { app: 'web' }, { proxyImage: image, annotations: extra }),
  ];
  it('warns when pods run an older proxy', () => {
    const d = crossCheck({ 'd.yaml': DEPLOY('shop') }, clusterOf(objects('docker.io/istio/proxyv2:1.29.0')))[
      'd.yaml'
    ];
    assert.deepEqual(brief(d), [
      [
        'IST0158',
        3,
        2,
        'pods of Deployment shop/web run istio-proxy docker.io/istio/proxyv2:1.29.0, not docker.io/istio/proxyv2:1.30.3 that the injector now uses; restart the workload',
      ],
    ]);
  });
  it('passes for the same image, its distroless variant, and a pod that sets its own image', () => {
    for (const o of [
      objects('docker.io/istio/proxyv2:1.30.3'),
      objects('docker.io/istio/proxyv2:1.30.3-distroless'),
      objects('example/proxy:custom', { 'sidecar.istio.io/proxyImage': 'example/proxy:custom' }),
    ])
      assert.deepEqual(brief(crossCheck({ 'd.yaml': DEPLOY('shop') }, clusterOf(o))['d.yaml']), []);
  });
});

const SIDECAR = (name: string, labels: string): string => `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: ${name}, namespace: shop}
spec:
  workloadSelector:
    labels: {${labels}}
  egress:
  - hosts: ["./*"]
`;

describe('IST0110 a pod selected by two Sidecars', () => {
  it('is an error on both Sidecars when one pod carries both selectors', () => {
    const d = crossCheck(
      { 'a.yaml': SIDECAR('a', 'app: web'), 'b.yaml': SIDECAR('b', 'version: v1') },
      clusterOf([pod('shop', 'web-v1-1', { app: 'web', version: 'v1' })]),
    );
    assert.deepEqual(brief(d['a.yaml']), [
      [
        'IST0110',
        5,
        1,
        'pod shop/web-v1-1 is also selected by Sidecar shop/b; only one Sidecar with a selector may select a workload',
      ],
    ]);
    assert.deepEqual(brief(d['b.yaml']), [
      [
        'IST0110',
        5,
        1,
        'pod shop/web-v1-1 is also selected by Sidecar shop/a; only one Sidecar with a selector may select a workload',
      ],
    ]);
  });
  it('passes when each pod is selected by one Sidecar', () => {
    const d = crossCheck(
      { 'a.yaml': SIDECAR('a', 'app: web'), 'b.yaml': SIDECAR('b', 'app: api') },
      clusterOf([pod('shop', 'web-1', { app: 'web' }), pod('shop', 'api-1', { app: 'api' })]),
    );
    assert.deepEqual([...brief(d['a.yaml']), ...brief(d['b.yaml'])], []);
  });
});

const TELEMETRY = (name: string, labels: string): string => `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: ${name}, namespace: shop}
spec:
  selector:
    matchLabels: {${labels}}
  tracing:
  - randomSamplingPercentage: 10
`;

describe('IST0159 a pod selected by two Telemetry resources', () => {
  it('is an error when one pod carries both selectors', () => {
    const d = crossCheck(
      { 'a.yaml': TELEMETRY('a', 'app: web'), 'b.yaml': TELEMETRY('b', 'version: v1') },
      clusterOf([pod('shop', 'web-v1-1', { app: 'web', version: 'v1' })]),
    );
    assert.deepEqual(
      brief(d['a.yaml']).map((x) => [x[0], x[1], x[2]]),
      [['IST0159', 5, 1]],
    );
    assert.match(d['a.yaml'][0].message, /also selected by Telemetry shop\/b/);
  });
  it('passes for disjoint selectors', () => {
    const d = crossCheck(
      { 'a.yaml': TELEMETRY('a', 'app: web'), 'b.yaml': TELEMETRY('b', 'app: api') },
      clusterOf([pod('shop', 'web-1', { app: 'web' }), pod('shop', 'api-1', { app: 'api' })]),
    );
    assert.deepEqual([...brief(d['a.yaml']), ...brief(d['b.yaml'])], []);
  });
});

describe('IST0167 Sidecar in ambient mode', () => {
  it('warns when the selector picks an ambient pod', () => {
    const d = crossCheck(
      { 'a.yaml': SIDECAR('a', 'app: web') },
      clusterOf([
        pod('shop', 'web-1', { app: 'web' }, { annotations: { 'ambient.istio.io/redirection': 'enabled' } }),
      ]),
    )['a.yaml'];
    assert.deepEqual(brief(d), [
      [
        'IST0167',
        5,
        2,
        'the selector picks pod shop/web-1, which runs in ambient mode; this Sidecar has no effect on it',
      ],
    ]);
    assert.deepEqual(related(d[0]), [
      'pod shop/web-1 is annotated ambient.istio.io/redirection=enabled (cluster prod-eu)',
    ]);
  });
  it('warns for a Sidecar without selector in an ambient namespace, not in a sidecar one', () => {
    const text =
      'apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: default, namespace: shop}\nspec:\n  outboundTrafficPolicy: {mode: REGISTRY_ONLY}\n';
    const amb = crossCheck(
      { 's.yaml': text },
      clusterOf([namespace('shop', { 'istio.io/dataplane-mode': 'ambient' })]),
    )['s.yaml'];
    assert.deepEqual(brief(amb), [
      ['IST0167', 2, 2, 'namespace shop is in ambient mode; this Sidecar has no effect there'],
    ]);
    const side = crossCheck(
      { 's.yaml': text },
      clusterOf([namespace('shop', { 'istio-injection': 'enabled' })]),
    )['s.yaml'];
    assert.deepEqual(brief(side), []);
  });
});

describe('IST0166 selector on a Gateway API gateway pod', () => {
  const AP = (attach: string): string => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: gw-policy, namespace: edge}
spec:
${attach}
  action: DENY
  rules:
  - to:
    - operation: {paths: ["/admin"]}
`;
  const GW_POD = pod('edge', 'shop-gw-istio-6b9', {
    'gateway.networking.k8s.io/gateway-name': 'shop-gw',
    app: 'shop-gw',
  });
  it('warns when the selector matches the gateway pod', () => {
    const d = crossCheck(
      { 'ap.yaml': AP('  selector:\n    matchLabels: {app: shop-gw}') },
      clusterOf([GW_POD]),
    )['ap.yaml'];
    assert.deepEqual(brief(d), [
      [
        'IST0166',
        5,
        2,
        'the selector matches pods of Gateway API gateway "shop-gw"; attach to it with targetRefs instead',
      ],
    ]);
  });
  it('passes with targetRefs, and for selectors matching other pods', () => {
    const t = crossCheck(
      {
        'ap.yaml': AP('  targetRefs:\n  - {kind: Gateway, group: gateway.networking.k8s.io, name: shop-gw}'),
      },
      clusterOf([GW_POD]),
    )['ap.yaml'];
    assert.deepEqual(only(t, 'IST0166'), []);
    const o = crossCheck(
      { 'ap.yaml': AP('  selector:\n    matchLabels: {app: other}') },
      clusterOf([GW_POD, pod('edge', 'other-1', { app: 'other' })]),
    )['ap.yaml'];
    assert.deepEqual(brief(o), []);
  });
});

describe('IST0149 JWT claim routing without RequestAuthentication', () => {
  const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: shop, namespace: edge}
spec:
  hosts: ["shop.example.com"]
  gateways: [edge/public]
  http:
  - match:
    - headers:
        "@request.auth.claims.group": {exact: admin}
    route:
    - destination: {host: web.shop.svc.cluster.local}
`;
  const RA = `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: istio-system}
spec:
  selector:
    matchLabels: {istio: ingressgateway}
  jwtRules:
  - issuer: https://issuer.example.com
`;
  const objects = [
    INGRESS,
    INGRESS_SVC,
    secret('istio-system', 'shop-cert', 'kubernetes.io/tls', { 'tls.crt': 'eA==', 'tls.key': 'eA==' }),
    service_('shop', 'web', { app: 'web' }),
  ];
  it('is an error on the claim key when no RequestAuthentication selects the gateway pod', () => {
    const d = crossCheck({ 'vs.yaml': VS, 'gw.yaml': GW(443) }, clusterOf(objects))['vs.yaml'];
    assert.deepEqual(brief(d), [
      [
        'IST0149',
        9,
        1,
        'routing on "@request.auth.claims.group" through gateway edge/public, but no RequestAuthentication selects pod istio-system/istio-ingressgateway-7d9f',
      ],
    ]);
  });
  it('passes with a RequestAuthentication for the gateway in the root namespace', () => {
    const d = crossCheck({ 'vs.yaml': VS, 'gw.yaml': GW(443), 'ra.yaml': RA }, clusterOf(objects))['vs.yaml'];
    assert.deepEqual(brief(d), []);
  });
});

describe('principals, AuthorizationPolicy namespaces and selectors against the cluster', () => {
  const AP = (
    principal: string,
    ns: string,
    selector = 'app: reviews',
  ): string => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector:
    matchLabels: {${selector}}
  rules:
  - from:
    - source:
        principals: ["${principal}"]
        namespaces: ["${ns}"]
`;
  const objects = [
    namespace('bookinfo'),
    namespace('istio-system'),
    serviceAccount('bookinfo', 'bookinfo-productpage'),
    pod('bookinfo', 'reviews-v1-1', { app: 'reviews', version: 'v1' }),
  ];
  it('passes when the ServiceAccount, namespace and pods exist in the cluster', () => {
    const d = crossCheck(
      { 'ap.yaml': AP('cluster.local/ns/bookinfo/sa/bookinfo-productpage', 'bookinfo') },
      clusterOf(objects),
    )['ap.yaml'];
    assert.deepEqual(brief(d), []);
  });
  it('reports a principal whose ServiceAccount is missing, a namespace that does not exist, and a selector without pods', () => {
    const d = crossCheck(
      { 'ap.yaml': AP('cluster.local/ns/bookinfo/sa/bookinfo-prodpage', 'bookinf', 'app: ratings') },
      clusterOf(objects),
    )['ap.yaml'];
    assert.deepEqual(
      brief(d).sort((a, b) => a[1] - b[1]),
      [
        ['IST0127', 5, 2, 'the selector matches no workload in namespace bookinfo'],
        [
          'IST0101',
          9,
          1,
          'principal "cluster.local/ns/bookinfo/sa/bookinfo-prodpage": ServiceAccount bookinfo/bookinfo-prodpage was not found',
        ],
        ['IST0101', 10, 1, 'namespaces entry "bookinf" matches no Namespace'],
      ],
    );
    const byLine = new Map(d.map((x) => [x.range.start.line, related(x)]));
    assert.deepEqual(byLine.get(5), ['0 pods in namespace bookinfo match app=ratings (cluster prod-eu)']);
    assert.deepEqual(byLine.get(9), [
      'no ServiceAccount bookinfo-prodpage in namespace bookinfo (cluster prod-eu)',
    ]);
    assert.deepEqual(byLine.get(10), ['none of the 2 namespaces matches "bookinf" (cluster prod-eu)']);
  });
});
