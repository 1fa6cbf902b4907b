import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, codes, one, ERROR, WARNING, INFORMATION } from './helpers';

const mesh = (
  name: string,
  ns: string,
  host: string,
  extra = '',
): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: ${ns}}
spec:
  hosts: [${host}]
${extra}  http:
  - route:
    - destination: {host: ${host}}
`;

describe('IST0109 mesh VirtualServices with one host', () => {
  it('reports both, each pointing at the other file', () => {
    const r = analyze({
      'a.yaml': mesh('a', 'shop', 'cart'),
      'b.yaml': mesh('b', 'shop', 'cart.shop.svc.cluster.local'),
    });
    const d = one(r['a.yaml'], 'IST0109', 4);
    assert.equal(d.severity, ERROR);
    assert.equal(d.relatedInformation?.[0].location.uri.endsWith('/b.yaml'), true);
    one(r['b.yaml'], 'IST0109', 4);
  });
  it('does not report VirtualServices whose exportTo scopes do not overlap, or gateway-bound ones', () => {
    const r = analyze({
      'a.yaml': mesh('a', 'shop', 'cart.shop.svc.cluster.local', '  exportTo: ["."]\n'),
      'b.yaml': mesh('b', 'web', 'cart.shop.svc.cluster.local', '  exportTo: ["."]\n'),
      'c.yaml': mesh('c', 'shop', 'cart', '  gateways: [edge/public]\n'),
    });
    assert.deepEqual(
      [...codes(r['a.yaml'], 'IST0109'), ...codes(r['b.yaml'], 'IST0109'), ...codes(r['c.yaml'], 'IST0109')],
      [],
    );
  });
});

const GW = (hosts: string, extra = ''): string => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: edge}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: [${hosts}]
    tls: {mode: SIMPLE, credentialName: shop-cert}
${extra}`;

const bound = (ns: string, host: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: front, namespace: ${ns}}
spec:
  hosts: ["${host}"]
  gateways: [edge/public]
  http:
  - route:
    - destination: {host: web}
`;

describe('IST0132 VirtualService host not served by its Gateway', () => {
  it('accepts */h, ./h in the same namespace, ns/h and wildcards', () => {
    for (const [hosts, ns] of [
      ['"*/shop.example.com"', 'shop'],
      ['"./shop.example.com"', 'edge'],
      ['"shop/shop.example.com"', 'shop'],
      ['"*.example.com"', 'shop'],
    ]) {
      const r = analyze({ 'vs.yaml': bound(ns, 'shop.example.com'), 'gw.yaml': GW(hosts) });
      assert.deepEqual(codes(r['vs.yaml'], 'IST0132'), [], hosts);
    }
  });
  it('warns when no server serves the host to the VirtualService namespace', () => {
    const r = analyze({
      'vs.yaml': bound('shop', 'shop.example.com'),
      'gw.yaml': GW('"./shop.example.com"'),
    });
    const d = one(r['vs.yaml'], 'IST0132', 5);
    assert.equal(d.severity, WARNING);
    assert.equal(d.relatedInformation?.[0].location.uri.endsWith('/gw.yaml'), true);
    const other = analyze({
      'vs.yaml': bound('shop', 'blog.example.com'),
      'gw.yaml': GW('"*/shop.example.com"'),
    });
    one(other['vs.yaml'], 'IST0132', 5);
  });
});

const sidecar = (name: string, selector = ''): string =>
  `apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: ${name}, namespace: shop}\nspec:\n${selector || '  outboundTrafficPolicy: {mode: REGISTRY_ONLY}\n'}`;
const telemetry = (name: string, ns: string): string =>
  `apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  accessLogging: [{providers: [{name: envoy}]}]\n`;

describe('IST0111 and IST0160 several defaults in one namespace', () => {
  it('reports two Sidecars without workloadSelector in different files', () => {
    const r = analyze({ 'a.yaml': sidecar('a'), 'b.yaml': sidecar('b') });
    one(r['a.yaml'], 'IST0111', 2);
    one(r['b.yaml'], 'IST0111', 2);
  });
  it('accepts one default Sidecar and one with a selector', () => {
    const r = analyze({
      'a.yaml': sidecar('a'),
      'b.yaml': sidecar('b', '  workloadSelector: {labels: {app: x}}\n'),
    });
    assert.deepEqual([...codes(r['a.yaml'], 'IST0111'), ...codes(r['b.yaml'], 'IST0111')], []);
  });
  it('reports two default Telemetries in one namespace, not in two', () => {
    const same = analyze({ 'a.yaml': telemetry('a', 'shop'), 'b.yaml': telemetry('b', 'shop') });
    one(same['a.yaml'], 'IST0160', 2);
    const apart = analyze({ 'a.yaml': telemetry('a', 'shop'), 'b.yaml': telemetry('b', 'web') });
    assert.deepEqual(codes(apart['a.yaml'], 'IST0160'), []);
  });
});

const SVC2 = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: 8080}
  - {name: http-admin, port: 9000}
`;
const toWeb = (port = ''): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  hosts: [web]
  http:
  - route:
    - destination:
        host: web
${port}`;

describe('IST0112 destination port required', () => {
  it('reports a destination without port to a Service with two ports', () => {
    const r = analyze({ 'vs.yaml': toWeb(), 'svc.yaml': SVC2 });
    const d = one(r['vs.yaml'], 'IST0112', 8);
    assert.equal(d.severity, ERROR);
    assert.equal(d.relatedInformation?.[0].location.uri.endsWith('/svc.yaml'), true);
  });
  it('accepts a destination with a port', () => {
    const r = analyze({ 'vs.yaml': toWeb('        port: {number: 80}\n'), 'svc.yaml': SVC2 });
    assert.deepEqual(codes(r['vs.yaml'], 'IST0112'), []);
  });
});

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, version: v1}}
    spec:
      serviceAccountName: web
      containers: [{name: web, image: web}]
`;
const svc = (name: string, ports: string): string =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  selector: {app: web}\n  ports:\n${ports}`;

describe('IST0116 and IST0137 Services of one Deployment', () => {
  it('IST0116: one port number, two protocols', () => {
    const r = analyze({
      'd.yaml': DEPLOY,
      'a.yaml': svc('a', '  - {name: http, port: 80}\n'),
      'b.yaml': svc('b', '  - {name: tcp, port: 80}\n'),
    });
    one(r['d.yaml'], 'IST0116', 2);
    const ok = analyze({
      'd.yaml': DEPLOY,
      'a.yaml': svc('a', '  - {name: http, port: 80}\n'),
      'b.yaml': svc('b', '  - {name: http-b, port: 80}\n'),
    });
    assert.deepEqual(codes(ok['d.yaml'], 'IST0116'), []);
  });
  it('IST0137: one targetPort, two ports', () => {
    const r = analyze({
      'd.yaml': DEPLOY,
      'a.yaml': svc('a', '  - {name: http, port: 80, targetPort: 8080}\n'),
      'b.yaml': svc('b', '  - {name: http, port: 81, targetPort: 8080}\n'),
    });
    one(r['d.yaml'], 'IST0137', 2);
    const ok = analyze({
      'd.yaml': DEPLOY,
      'a.yaml': svc('a', '  - {name: http, port: 80, targetPort: 8080}\n'),
      'b.yaml': svc('b', '  - {name: http, port: 80, targetPort: 8080}\n'),
    });
    assert.deepEqual(codes(ok['d.yaml'], 'IST0137'), []);
  });
});

describe('IST0118 Service port names', () => {
  it('reports a name with no protocol prefix, in a file with no Istio resource', () => {
    const r = analyze({
      'svc.yaml': svc(
        'a',
        '  - {name: web, port: 80}\n  - {name: http-web, port: 81}\n  - {name: db, port: 5432, appProtocol: postgresql}\n',
      ),
    });
    assert.deepEqual(codes(r['svc.yaml'], 'IST0118'), [['IST0118', 6, INFORMATION]]);
  });
});

describe('IST0127 AuthorizationPolicy selector', () => {
  const ap = (app: string): string =>
    `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  selector:\n    matchLabels: {app: ${app}}\n  action: ALLOW\n  rules: [{}]\n`;
  it('accepts a selector matching a Deployment template', () => {
    const r = analyze({ 'ap.yaml': ap('web'), 'd.yaml': DEPLOY });
    assert.deepEqual(codes(r['ap.yaml'], 'IST0127', 'unresolved-reference'), []);
  });
  it('says a selector matching no workload in the workspace is unknown', () => {
    const r = analyze({ 'ap.yaml': ap('wbe'), 'd.yaml': DEPLOY });
    one(r['ap.yaml'], 'unresolved-reference', 5);
  });
});

describe('IST0138 and IST0145 Gateways on one workload', () => {
  const second = (name: string, hosts: string, cert: string): string =>
    GW(hosts).replace('name: public', `name: ${name}`).replace('shop-cert', cert);
  it('IST0138: same credentialName on overlapping selectors', () => {
    const r = analyze({
      'a.yaml': GW('"shop.example.com"'),
      'b.yaml': second('other', '"blog.example.com"', 'shop-cert'),
    });
    one(r['a.yaml'], 'IST0138', 8);
    const ok = analyze({
      'a.yaml': GW('"shop.example.com"'),
      'b.yaml': second('other', '"blog.example.com"', 'blog-cert'),
    });
    assert.deepEqual(codes(ok['a.yaml'], 'IST0138'), []);
  });
  it('IST0145: same selector, port and host', () => {
    const r = analyze({
      'a.yaml': GW('"shop.example.com"'),
      'b.yaml': second('other', '"shop.example.com"', 'other-cert'),
    });
    one(r['a.yaml'], 'IST0145', 6);
    const ok = analyze({
      'a.yaml': GW('"shop.example.com"'),
      'b.yaml': second('other', '"blog.example.com"', 'other-cert'),
    });
    assert.deepEqual(codes(ok['a.yaml'], 'IST0145'), []);
  });
});

describe('IST0140 gateway traffic skips subset routing', () => {
  const meshSplit = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web-split, namespace: shop}
spec:
  hosts: [web]
  http:
  - route:
    - destination: {host: web, subset: v1}
`;
  const edge = (dest: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: edge, namespace: shop}
spec:
  hosts: [shop.example.com]
  gateways: [edge/public]
  http:
  - route:
    - destination: {${dest}}
`;
  it('warns on the gateway route without subset', () => {
    const r = analyze({ 'split.yaml': meshSplit, 'edge.yaml': edge('host: web') });
    one(r['edge.yaml'], 'IST0140', 8);
  });
  it('accepts a gateway route with a subset', () => {
    const r = analyze({ 'split.yaml': meshSplit, 'edge.yaml': edge('host: web, subset: v1') });
    assert.deepEqual(codes(r['edge.yaml'], 'IST0140'), []);
  });
});

const drFor = (name: string, subsets: string, extra = ''): string =>
  `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  host: web\n${extra}  subsets:\n${subsets}`;
const WEB_SVC =
  'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {app: web}\n  ports: [{name: http, port: 80}]\n';

describe('IST0173 and IST0174 DestinationRule targets', () => {
  it('IST0173: a subset whose labels match a Deployment template passes; one matching none is unknown', () => {
    const r = analyze({
      'dr.yaml': drFor(
        'web',
        '  - {name: v1, labels: {version: v1}}\n  - {name: v2, labels: {version: v2}}\n',
      ),
      'd.yaml': DEPLOY,
      's.yaml': WEB_SVC,
    });
    assert.deepEqual(codes(r['dr.yaml'], 'unresolved-reference'), [['unresolved-reference', 7, INFORMATION]]);
  });
  it('IST0174: a DestinationRule host with no Service in the workspace is unknown, with one it passes', () => {
    const alone = analyze({ 'dr.yaml': drFor('web', '  - {name: v1}\n') });
    one(alone['dr.yaml'], 'unresolved-reference', 4);
    const ok = analyze({ 'dr.yaml': drFor('web', '  - {name: v1}\n'), 's.yaml': WEB_SVC, 'd.yaml': DEPLOY });
    assert.deepEqual(codes(ok['dr.yaml'], 'IST0174', 'unresolved-reference'), []);
  });
});

describe('Kiali cross checks', () => {
  it('two DestinationRules for one host define the same subset', () => {
    const r = analyze({
      'a.yaml': drFor('a', '  - {name: v1}\n'),
      'b.yaml': drFor('b', '  - {name: v1}\n'),
      's.yaml': WEB_SVC,
    });
    const d = one(r['a.yaml'], 'dr-subset-defined-twice', 6);
    assert.equal(d.relatedInformation?.[0].location.uri.endsWith('/b.yaml'), true);
    const ok = analyze({
      'a.yaml': drFor('a', '  - {name: v1}\n'),
      'b.yaml': drFor('b', '  - {name: v2}\n'),
      's.yaml': WEB_SVC,
    });
    assert.deepEqual(codes(ok['a.yaml'], 'dr-subset-defined-twice'), []);
  });
  const pa = (mode: string): string =>
    `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: shop}\nspec:\n  mtls: {mode: ${mode}}\n`;
  const tls = (mode: string): string => `  trafficPolicy: {tls: {mode: ${mode}}}\n`;
  it('mTLS: DISABLE to STRICT and ISTIO_MUTUAL to DISABLE are reported on both sides', () => {
    const r = analyze({
      'dr.yaml': drFor('web', '  - {name: v1}\n', tls('DISABLE')),
      'pa.yaml': pa('STRICT'),
      's.yaml': WEB_SVC,
    });
    one(r['dr.yaml'], 'dr-mtls-conflict', 5);
    one(r['pa.yaml'], 'dr-mtls-conflict', 4);
    const r2 = analyze({
      'dr.yaml': drFor('web', '  - {name: v1}\n', tls('ISTIO_MUTUAL')),
      'pa.yaml': pa('DISABLE'),
      's.yaml': WEB_SVC,
    });
    one(r2['dr.yaml'], 'dr-mtls-conflict', 5);
    const ok = analyze({
      'dr.yaml': drFor('web', '  - {name: v1}\n', tls('ISTIO_MUTUAL')),
      'pa.yaml': pa('STRICT'),
      's.yaml': WEB_SVC,
    });
    assert.deepEqual(
      [...codes(ok['dr.yaml'], 'dr-mtls-conflict'), ...codes(ok['pa.yaml'], 'dr-mtls-conflict')],
      [],
    );
  });
  it('a principal whose ServiceAccount is not in the workspace is unknown', () => {
    const ap = (sa: string): string =>
      `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  rules:\n  - from:\n    - source:\n        principals: ["cluster.local/ns/shop/sa/${sa}"]\n`;
    const SA = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n';
    const ok = analyze({ 'ap.yaml': ap('web'), 'sa.yaml': SA });
    assert.deepEqual(codes(ok['ap.yaml'], 'unresolved-reference'), []);
    const r = analyze({ 'ap.yaml': ap('wbe'), 'sa.yaml': SA });
    assert.match(one(r['ap.yaml'], 'unresolved-reference', 7).message, /ServiceAccount "shop\/wbe"/);
  });
  it('a Gateway selector matching no workload in the workspace is unknown; one matching a Deployment passes', () => {
    const ingress = DEPLOY.replace(
      'name: web, namespace: shop',
      'name: ingress, namespace: istio-system',
    ).replace('{app: web, version: v1}', '{istio: ingressgateway}');
    const ok = analyze({ 'gw.yaml': GW('"shop.example.com"'), 'd.yaml': ingress });
    assert.deepEqual(codes(ok['gw.yaml'], 'unresolved-reference'), []);
    const r = analyze({ 'gw.yaml': GW('"shop.example.com"') });
    one(r['gw.yaml'], 'unresolved-reference', 4);
  });
});
