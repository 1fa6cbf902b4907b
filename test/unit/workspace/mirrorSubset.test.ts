import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, codes, ERROR } from './helpers';

// IST0101 for a route or mirror subset with no DestinationRule subset (issue 12 §3): mirror, mirrors
// and TCP/TLS routes, not only HTTP route destinations.

const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets:
  - name: v1
    labels: {version: v1}
`;
const SVC = `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]
`;
const VS = (mirror: string, mirrors: string, tcp: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
    mirror: {host: reviews, subset: ${mirror}}
  - route:
    - destination: {host: reviews, subset: v1}
    mirrors:
    - destination: {host: reviews, subset: ${mirrors}}
  tcp:
  - route:
    - destination: {host: reviews, subset: ${tcp}}
`;

describe('IST0101 mirror and non-HTTP subsets', () => {
  it('flags a mirror, a mirrors entry and a TCP route subset the DestinationRule in another file lacks', () => {
    const r = analyze({ 'svc.yaml': SVC, 'dr.yaml': DR, 'vs.yaml': VS('v9', 'v8', 'v7') });
    assert.deepEqual(codes(r['vs.yaml'], 'IST0101'), [
      ['IST0101', 8, ERROR],
      ['IST0101', 12, ERROR],
      ['IST0101', 15, ERROR],
    ]);
    const mirror = r['vs.yaml'].find((d) => d.code === 'IST0101' && d.range.start.line === 8);
    assert.match(mirror?.message ?? '', /v9/);
    assert.equal(mirror?.relatedInformation?.[0].location.uri.endsWith('/dr.yaml'), true);
  });

  it('passes when every subset is defined', () => {
    const r = analyze({ 'svc.yaml': SVC, 'dr.yaml': DR, 'vs.yaml': VS('v1', 'v1', 'v1') });
    assert.deepEqual(codes(r['vs.yaml'], 'IST0101', 'unresolved-reference'), []);
  });
});
