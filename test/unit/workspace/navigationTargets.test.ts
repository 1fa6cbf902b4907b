import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Location } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../../shared/src/protocol';
import { referenceHover } from '../../../server/src/service/workspace/referenceHover';
import { workspace } from './meshFixture';

// The VirtualService: hosts on line 6, gateways on line 7, destination host line 11, subset line 12.
const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts: [reviews]
  gateways: [edge/public, public.edge]
  http:
  - route:
    - destination:
        host: reviews
        subset: v2
`;

// In the Gateway's namespace, bound with the `./name` form (line 7).
const EDGE_VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: front
  namespace: edge
spec:
  hosts: ["*"]
  gateways: [./public]
  http:
  - route:
    - destination:
        host: reviews.bookinfo.svc.cluster.local
`;

// Selector labels on line 8, a principal on line 12, a targetRef name on line 16... in two policies.
const AP = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: reviews-callers
  namespace: bookinfo
spec:
  selector:
    matchLabels:
      app: reviews
  rules:
  - from:
    - source:
        principals: [cluster.local/ns/bookinfo/sa/bookinfo-reviews]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: by-target
  namespace: bookinfo
spec:
  targetRefs:
  - {kind: Service, group: "", name: reviews}
  rules: [{}]
`;

const at = (l: Location): [string, number, number] => [l.uri, l.range.start.line, l.range.start.character];
const sorted = (ls: Location[]): [string, number, number][] => ls.map(at).sort();

function ws(): ReturnType<typeof workspace> {
  return workspace({ 'bookinfo/vs.yaml': VS, 'edge/vs.yaml': EDGE_VS, 'bookinfo/ap.yaml': AP });
}

describe('go to definition, every reference of issue 12 §4', () => {
  it('a destination host goes to the Service and to the DestinationRule that applies', () => {
    const w = ws();
    const locs = w.engine.definition(
      w.file('bookinfo/vs.yaml'),
      { line: 11, character: 15 },
      DEFAULT_SETTINGS,
    );
    assert.deepEqual(locs, [
      {
        uri: w.uri('bookinfo/services.yaml'),
        range: { start: { line: 3, character: 8 }, end: { line: 3, character: 15 } },
      },
      {
        uri: w.uri('bookinfo/dr.yaml'),
        range: { start: { line: 6, character: 8 }, end: { line: 6, character: 15 } },
      },
    ]);
  });

  it('a VirtualService hosts entry goes to the Service and the DestinationRule too', () => {
    const w = ws();
    const locs = w.engine.definition(
      w.file('bookinfo/vs.yaml'),
      { line: 6, character: 12 },
      DEFAULT_SETTINGS,
    );
    assert.deepEqual(sorted(locs), [
      [w.uri('bookinfo/dr.yaml'), 6, 8],
      [w.uri('bookinfo/services.yaml'), 3, 8],
    ]);
  });

  it('a DestinationRule host goes to the Service; a ServiceEntry host to the ServiceEntry', () => {
    const w = ws();
    const fromDr = w.engine.definition(
      w.file('bookinfo/dr.yaml'),
      { line: 6, character: 10 },
      DEFAULT_SETTINGS,
    );
    assert.deepEqual(sorted(fromDr), [[w.uri('bookinfo/services.yaml'), 3, 8]]);
    const w2 = workspace({
      'bookinfo/vs.yaml': VS.replace('host: reviews\n        subset: v2', 'host: api.example.com'),
    });
    const fromVs = w2.engine.definition(
      w2.file('bookinfo/vs.yaml'),
      { line: 11, character: 15 },
      DEFAULT_SETTINGS,
    );
    assert.deepEqual(sorted(fromVs), [[w2.uri('bookinfo/se.yaml'), 3, 8]]);
  });

  it('a subset goes to the subset entry', () => {
    const w = ws();
    const locs = w.engine.definition(
      w.file('bookinfo/vs.yaml'),
      { line: 12, character: 17 },
      DEFAULT_SETTINGS,
    );
    assert.deepEqual(sorted(locs), [[w.uri('bookinfo/dr.yaml'), 10, 10]]);
  });

  it('a gateway, written ns/name, name.ns or ./name, goes to the Gateway', () => {
    const w = ws();
    const gw: [string, number, number][] = [[w.uri('mesh/gateway.yaml'), 3, 8]];
    const vs = w.file('bookinfo/vs.yaml');
    assert.deepEqual(sorted(w.engine.definition(vs, { line: 7, character: 16 }, DEFAULT_SETTINGS)), gw);
    assert.deepEqual(sorted(w.engine.definition(vs, { line: 7, character: 28 }, DEFAULT_SETTINGS)), gw);
    const edge = w.file('edge/vs.yaml');
    assert.deepEqual(sorted(w.engine.definition(edge, { line: 7, character: 15 }, DEFAULT_SETTINGS)), gw);
  });

  it('selector labels go to the matching workloads', () => {
    const w = ws();
    const locs = w.engine.definition(
      w.file('bookinfo/ap.yaml'),
      { line: 8, character: 12 },
      DEFAULT_SETTINGS,
    );
    assert.deepEqual(sorted(locs), [
      [w.uri('bookinfo/deployments.yaml'), 17, 8],
      [w.uri('bookinfo/deployments.yaml'), 3, 8],
    ]);
    const gw = w.engine.definition(w.file('mesh/gateway.yaml'), { line: 6, character: 20 }, DEFAULT_SETTINGS);
    assert.deepEqual(sorted(gw), [[w.uri('mesh/gateway.yaml'), 12, 8]]);
  });

  it('DestinationRule subset labels go to the workloads of that subset', () => {
    const w = ws();
    const locs = w.engine.definition(
      w.file('bookinfo/dr.yaml'),
      { line: 9, character: 20 },
      DEFAULT_SETTINGS,
    );
    assert.deepEqual(sorted(locs), [[w.uri('bookinfo/deployments.yaml'), 3, 8]]);
  });

  it('a principal goes to the ServiceAccount', () => {
    const w = ws();
    const locs = w.engine.definition(
      w.file('bookinfo/ap.yaml'),
      { line: 12, character: 30 },
      DEFAULT_SETTINGS,
    );
    assert.deepEqual(sorted(locs), [[w.uri('bookinfo/accounts.yaml'), 3, 8]]);
  });

  it('nothing for a reference whose target is not in the workspace', () => {
    const w = workspace({ 'bookinfo/vs.yaml': VS.replace('edge/public,', 'edge/nope,') });
    assert.deepEqual(
      w.engine.definition(w.file('bookinfo/vs.yaml'), { line: 7, character: 16 }, DEFAULT_SETTINGS),
      [],
    );
  });
});

describe('find references, across files', () => {
  it('a DestinationRule subset: every route that uses it', () => {
    const w = ws();
    const refs = w.engine.references(
      w.file('bookinfo/dr.yaml'),
      { line: 10, character: 11 },
      DEFAULT_SETTINGS,
    );
    assert.deepEqual(sorted(refs), [[w.uri('bookinfo/vs.yaml'), 12, 16]]);
  });

  it('a Gateway: every VirtualService bound to it, in every form', () => {
    const w = ws();
    const refs = w.engine.references(
      w.file('mesh/gateway.yaml'),
      { line: 3, character: 9 },
      DEFAULT_SETTINGS,
    );
    assert.deepEqual(sorted(refs), [
      [w.uri('bookinfo/vs.yaml'), 7, 13],
      [w.uri('bookinfo/vs.yaml'), 7, 26],
      [w.uri('edge/vs.yaml'), 7, 13],
    ]);
  });

  it('a Service: VirtualService hosts and destinations, DestinationRules and policies that target it', () => {
    const w = ws();
    const refs = w.engine.references(
      w.file('bookinfo/services.yaml'),
      { line: 3, character: 9 },
      DEFAULT_SETTINGS,
    );
    assert.deepEqual(sorted(refs), [
      [w.uri('bookinfo/ap.yaml'), 21, 37],
      [w.uri('bookinfo/dr.yaml'), 6, 8],
      [w.uri('bookinfo/vs.yaml'), 11, 14],
      [w.uri('bookinfo/vs.yaml'), 6, 10],
      [w.uri('edge/vs.yaml'), 11, 14],
    ]);
  });
});

describe('find references of a ServiceAccount', () => {
  it('lists the AuthorizationPolicy principals that name it, and not a wildcard', () => {
    const w = workspace({
      'bookinfo/ap.yaml': AP.replace(
        'principals: [cluster.local/ns/bookinfo/sa/bookinfo-reviews]',
        'principals: [cluster.local/ns/bookinfo/sa/bookinfo-reviews, "cluster.local/ns/bookinfo/*"]\n        notPrincipals: [cluster.local/ns/edge/sa/bookinfo-reviews, cluster.local/ns/bookinfo/sa/bookinfo-reviews]',
      ),
    });
    const refs = w.engine.references(
      w.file('bookinfo/accounts.yaml'),
      { line: 3, character: 9 },
      DEFAULT_SETTINGS,
    );
    assert.deepEqual(sorted(refs), [
      [w.uri('bookinfo/ap.yaml'), 12, 21],
      [w.uri('bookinfo/ap.yaml'), 13, 67],
    ]);
  });
});

describe('Gateway API Gateways', () => {
  // The Gateway API Gateway's name is on line 3; the VirtualService's gateways entry on line 6.
  const K8S_GW = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: k8s-gw
  namespace: edge
spec:
  gatewayClassName: istio
  listeners: [{name: http, port: 80, protocol: HTTP}]
`;
  const BOUND = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: bound
  namespace: bookinfo
spec:
  hosts: [reviews]
  gateways: [edge/k8s-gw]
  http:
  - route:
    - destination: {host: reviews}
`;

  it('a gateways entry naming one goes to it, its hover names it, and it finds the VirtualService', () => {
    const w = workspace({ 'edge/k8s-gw.yaml': K8S_GW, 'bookinfo/bound.yaml': BOUND });
    const def = w.engine.definition(
      w.file('bookinfo/bound.yaml'),
      { line: 7, character: 16 },
      DEFAULT_SETTINGS,
    );
    assert.deepEqual(sorted(def), [[w.uri('edge/k8s-gw.yaml'), 3, 8]]);
    assert.equal(
      referenceHover(w.engine.index, w.resolver, w.file('bookinfo/bound.yaml'), { line: 7, character: 16 }),
      '**Gateway API Gateway** `edge/k8s-gw` · edge/k8s-gw.yaml:4',
    );
    const refs = w.engine.references(w.file('edge/k8s-gw.yaml'), { line: 3, character: 9 }, DEFAULT_SETTINGS);
    assert.deepEqual(sorted(refs), [[w.uri('bookinfo/bound.yaml'), 7, 13]]);
  });
});
