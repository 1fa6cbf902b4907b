import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../shared/src/protocol';
import { analyze, codes, one, ERROR, INFORMATION } from './helpers';

const VS = (subset: string, extra = ''): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts: [reviews]
${extra}  http:
  - route:
    - destination:
        host: reviews
        subset: ${subset}
`;

const DR = (ns: string, subsets: string[], extra = ''): string => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: ${ns}
spec:
  host: reviews.bookinfo.svc.cluster.local
${extra}  subsets:
${subsets.map((s) => `  - name: ${s}\n    labels: {version: ${s}}`).join('\n')}
`;

const SVC = `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]
`;

describe('IST0101 subset', () => {
  it('is an error, in place, with the DestinationRule in the other file as related information', () => {
    const r = analyze({ 'svc.yaml': SVC, 'vs.yaml': VS('v9'), 'dr.yaml': DR('bookinfo', ['v1', 'v2']) });
    const d = one(r['vs.yaml'], 'IST0101', 11);
    assert.equal(d.severity, ERROR);
    assert.match(d.message, /subset "v9".*DestinationRule bookinfo\/reviews.*"v1", "v2"/);
    assert.equal(d.relatedInformation?.[0].location.uri.endsWith('/dr.yaml'), true);
    assert.equal(d.relatedInformation?.[0].location.range.start.line, 7);
  });

  it('passes when the DestinationRule defines the subset', () => {
    const r = analyze({ 'svc.yaml': SVC, 'vs.yaml': VS('v2'), 'dr.yaml': DR('bookinfo', ['v1', 'v2']) });
    assert.deepEqual(codes(r['vs.yaml'], 'IST0101', 'unresolved-reference'), []);
  });

  it('is unknown (information), not missing, when no DestinationRule is in the workspace', () => {
    const r = analyze({ 'svc.yaml': SVC, 'vs.yaml': VS('v9') });
    const d = one(r['vs.yaml'], 'unresolved-reference', 11);
    assert.equal(d.severity, INFORMATION);
    assert.match(d.message, /not in the workspace; connect a cluster to check/);
    assert.deepEqual(codes(r['vs.yaml'], 'IST0101'), []);
  });

  it('follows istio.references.unresolved', () => {
    const off = analyze(
      { 'svc.yaml': SVC, 'vs.yaml': VS('v9') },
      { ...DEFAULT_SETTINGS, references: { unresolved: 'off' } },
    );
    assert.deepEqual(codes(off['vs.yaml'], 'unresolved-reference'), []);
    const err = analyze(
      { 'svc.yaml': SVC, 'vs.yaml': VS('v9') },
      { ...DEFAULT_SETTINGS, references: { unresolved: 'error' } },
    );
    assert.deepEqual(codes(err['vs.yaml'], 'unresolved-reference'), [['unresolved-reference', 11, ERROR]]);
  });

  it('uses the root-namespace DestinationRule when neither the client nor the service namespace has one', () => {
    const good = analyze({
      'svc.yaml': SVC,
      'vs.yaml': VS('v2'),
      'dr.yaml': DR('istio-system', ['v1', 'v2']),
    });
    assert.deepEqual(codes(good['vs.yaml'], 'IST0101', 'unresolved-reference'), []);
    const bad = analyze({
      'svc.yaml': SVC,
      'vs.yaml': VS('v3'),
      'dr.yaml': DR('istio-system', ['v1', 'v2']),
    });
    assert.deepEqual(codes(bad['vs.yaml'], 'IST0101'), [['IST0101', 11, ERROR]]);
  });

  it('ignores a root-namespace DestinationRule that is not exported to the client (istio#39629 direction)', () => {
    const r = analyze({
      'svc.yaml': SVC,
      'vs.yaml': VS('v3'),
      'dr.yaml': DR('istio-system', ['v1'], '  exportTo: ["."]\n'),
    });
    assert.deepEqual(codes(r['vs.yaml'], 'IST0101'), []);
    one(r['vs.yaml'], 'unresolved-reference', 11);
  });

  it('prefers the client namespace DestinationRule over the root namespace one', () => {
    const r = analyze({
      'svc.yaml': SVC,
      'vs.yaml': VS('v2'),
      'root.yaml': DR('istio-system', ['v1']),
      'own.yaml': DR('bookinfo', ['v2']),
    });
    assert.deepEqual(codes(r['vs.yaml'], 'IST0101'), []);
  });

  it('merges the subsets of DestinationRules for one host in one namespace', () => {
    const second = DR('bookinfo', ['v3']).replace('name: reviews\n', 'name: reviews-extra\n');
    const r = analyze({
      'svc.yaml': SVC,
      'vs.yaml': VS('v3'),
      'a.yaml': DR('bookinfo', ['v1']),
      'b.yaml': second,
    });
    assert.deepEqual(codes(r['vs.yaml'], 'IST0101'), []);
  });

  it('resolves the namespace from kustomization.yaml', () => {
    const vs = VS('v9').replace('  namespace: bookinfo\n', '');
    const r = analyze({
      'svc.yaml': SVC,
      'app/vs.yaml': vs,
      'app/kustomization.yaml': 'namespace: bookinfo\nresources:\n- vs.yaml\n',
      'dr.yaml': DR('bookinfo', ['v1']),
    });
    one(r['app/vs.yaml'], 'IST0101', 10);
  });
});

const GW_VS = (ref: string, ns = 'bookinfo'): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: front
  namespace: ${ns}
spec:
  hosts: [shop.example.com]
  gateways: ["${ref}"]
  http:
  - route:
    - destination: {host: shop.example.com}
`;

const GW = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
  namespace: edge
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*/shop.example.com"]
`;

describe('IST0101 gateway', () => {
  for (const ref of ['edge/public', 'public.edge', 'public.edge.svc.cluster.local'])
    it(`finds the Gateway written "${ref}" (istio#18366)`, () => {
      const r = analyze({ 'vs.yaml': GW_VS(ref), 'gw.yaml': GW });
      assert.deepEqual(
        codes(r['vs.yaml'], 'IST0101', 'unresolved-reference').filter((c) => c[1] === 7),
        [],
      );
    });

  it('finds "./name" and a bare name in the VirtualService namespace', () => {
    for (const ref of ['./public', 'public']) {
      const r = analyze({ 'vs.yaml': GW_VS(ref, 'edge'), 'gw.yaml': GW });
      assert.deepEqual(
        codes(r['vs.yaml'], 'IST0101', 'unresolved-reference').filter((c) => c[1] === 7),
        [],
        ref,
      );
    }
  });

  it('finds a Gateway API Gateway (istio#60708)', () => {
    const k8s = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: edge}
spec:
  gatewayClassName: istio
  listeners: [{name: http, port: 80, protocol: HTTP}]
`;
    const r = analyze({ 'vs.yaml': GW_VS('edge/public'), 'gw.yaml': k8s });
    assert.deepEqual(
      codes(r['vs.yaml'], 'IST0101', 'unresolved-reference').filter((c) => c[1] === 7),
      [],
    );
  });

  it('says a Gateway that is not in the workspace is unknown', () => {
    const r = analyze({ 'vs.yaml': GW_VS('nonexistent-gw'), 'gw.yaml': GW });
    const d = one(r['vs.yaml'], 'unresolved-reference', 7);
    assert.match(d.message, /Gateway "bookinfo\/nonexistent-gw" is not in the workspace/);
  });
});

describe('IST0101 host', () => {
  const vs = (host: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: r, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: ${host}}
`;
  it('resolves short and FQDN hosts to the Service (istio#22698)', () => {
    for (const host of ['reviews', 'reviews.bookinfo.svc.cluster.local']) {
      const r = analyze({ 'vs.yaml': vs(host), 'svc.yaml': SVC });
      assert.deepEqual(codes(r['vs.yaml'], 'IST0101', 'unresolved-reference'), [], host);
    }
  });

  it('names the FQDN meant by a host written name.namespace', () => {
    const r = analyze({ 'vs.yaml': vs('reviews.bookinfo'), 'svc.yaml': SVC });
    const d = one(r['vs.yaml'], 'IST0101', 7);
    assert.match(d.message, /did you mean "reviews\.bookinfo\.svc\.cluster\.local"/);
    assert.equal(d.relatedInformation?.[0].location.uri.endsWith('/svc.yaml'), true);
  });

  it('says a host with no Service in the workspace is unknown', () => {
    const r = analyze({ 'vs.yaml': vs('nosuchsvc'), 'svc.yaml': SVC });
    const d = one(r['vs.yaml'], 'unresolved-reference', 7);
    assert.match(d.message, /"nosuchsvc\.bookinfo\.svc\.cluster\.local" is not in the workspace/);
  });

  it('honours the Service exportTo annotation', () => {
    const hidden = SVC.replace(
      'metadata: {name: reviews, namespace: bookinfo}',
      'metadata:\n  name: reviews\n  namespace: bookinfo\n  annotations: {networking.istio.io/exportTo: "."}',
    );
    const other = vs('reviews.bookinfo.svc.cluster.local').replace('namespace: bookinfo', 'namespace: shop');
    const r = analyze({ 'vs.yaml': other, 'svc.yaml': hidden });
    one(r['vs.yaml'], 'unresolved-reference', 7);
    const same = analyze({ 'vs.yaml': vs('reviews'), 'svc.yaml': hidden });
    assert.deepEqual(codes(same['vs.yaml'], 'unresolved-reference'), []);
  });

  it('finds a ServiceEntry exported to the VirtualService namespace (istio#46269)', () => {
    const se = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: ext, namespace: egress}
spec:
  hosts: [api.example.com]
  exportTo: [bookinfo]
  ports: [{number: 443, name: https, protocol: HTTPS}]
  resolution: DNS
`;
    const r = analyze({ 'vs.yaml': vs('api.example.com'), 'se.yaml': se });
    assert.deepEqual(codes(r['vs.yaml'], 'IST0101', 'unresolved-reference'), []);
  });
});

describe('IST0101 AuthorizationPolicy namespace', () => {
  const ap = (ns: string): string => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: allow, namespace: bookinfo}
spec:
  rules:
  - from:
    - source:
        namespaces: ["${ns}"]
`;
  const NS = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: frontend}\n';
  it('accepts a namespace that exists, also by wildcard', () => {
    for (const ns of ['frontend', 'front*']) {
      const r = analyze({ 'ap.yaml': ap(ns), 'ns.yaml': NS });
      assert.deepEqual(codes(r['ap.yaml'], 'IST0101', 'unresolved-reference'), [], ns);
    }
  });
  it('says a namespace not in the workspace is unknown', () => {
    const r = analyze({ 'ap.yaml': ap('fronted'), 'ns.yaml': NS });
    one(r['ap.yaml'], 'unresolved-reference', 7);
  });
});

describe('IST0101 Sidecar and Telemetry selectors', () => {
  const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: reviews}}
  template:
    metadata: {labels: {app: reviews}}
    spec: {containers: [{name: app, image: x}]}
`;
  const sc = (app: string): string => `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: s, namespace: bookinfo}
spec:
  workloadSelector:
    labels: {app: ${app}}
`;
  it('accepts a selector that matches a workload template', () => {
    const r = analyze({ 'sc.yaml': sc('reviews'), 'd.yaml': DEPLOY });
    assert.deepEqual(codes(r['sc.yaml'], 'IST0101', 'unresolved-reference'), []);
  });
  it('says a selector matching no workload in the workspace is unknown', () => {
    const r = analyze({ 'sc.yaml': sc('ratings'), 'd.yaml': DEPLOY });
    one(r['sc.yaml'], 'unresolved-reference', 5);
  });
  it('checks Telemetry selectors too', () => {
    const t = `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: t, namespace: bookinfo}
spec:
  selector:
    matchLabels: {app: nope}
`;
    const r = analyze({ 't.yaml': t, 'd.yaml': DEPLOY });
    one(r['t.yaml'], 'unresolved-reference', 5);
  });
});
