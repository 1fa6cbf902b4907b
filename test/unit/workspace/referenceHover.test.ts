import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Position } from 'vscode-languageserver-types';
import { withReference } from '../../../server/src/service/features/hover';
import { referenceHover } from '../../../server/src/service/workspace/referenceHover';
import { service } from '../helpers';
import { workspace } from './meshFixture';

// hosts line 6, gateways line 7, destination host line 11, subset line 12.
const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts: [reviews]
  gateways: [edge/public, edge/nope]
  http:
  - route:
    - destination:
        host: reviews
        subset: v2
    - destination:
        host: nosuchsvc
`;

// Selector labels on line 8, a principal on line 12.
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
        principals: [cluster.local/ns/bookinfo/sa/bookinfo-reviews, cluster.local/ns/bookinfo/sa/ghost, cluster.local/ns/bookinfo/*]
`;

function hoverAt(name: string, position: Position): string | undefined {
  const w = workspace({ 'bookinfo/vs.yaml': VS, 'bookinfo/ap.yaml': AP });
  return referenceHover(w.engine.index, w.resolver, w.file(name), position);
}

describe('hover on a reference summarises its target', () => {
  it('a destination host: the Service (labels, ports, workloads) and the DestinationRule', () => {
    assert.equal(
      hoverAt('bookinfo/vs.yaml', { line: 11, character: 15 }),
      [
        '**Service** `bookinfo/reviews` · bookinfo/services.yaml:4',
        'Labels: `app=reviews`',
        'Ports: `9080 http`, `9090 grpc`',
        'Selector: `app=reviews` · 2 workloads match',
        '**DestinationRule** `bookinfo/reviews` · bookinfo/dr.yaml:7',
        'Subsets: `v1`, `v2`',
      ].join('\n\n'),
    );
  });

  it('a subset: the DestinationRule entry, its labels, and the workloads it selects', () => {
    assert.equal(
      hoverAt('bookinfo/vs.yaml', { line: 12, character: 17 }),
      [
        '**Subset** `v2` of DestinationRule `bookinfo/reviews` · bookinfo/dr.yaml:11',
        'Labels: `version=v2`',
        '1 workload matches (Service `reviews`)',
      ].join('\n\n'),
    );
  });

  it('a gateway: the Gateway and the gateway workloads its selector matches', () => {
    assert.equal(
      hoverAt('bookinfo/vs.yaml', { line: 7, character: 16 }),
      '**Gateway** `edge/public` · mesh/gateway.yaml:4\n\nSelector: `istio=ingressgateway` · 1 workload matches',
    );
  });

  it('selector labels: how many workloads match, and which', () => {
    assert.equal(
      hoverAt('bookinfo/ap.yaml', { line: 8, character: 12 }),
      [
        '**2 workloads match** `app=reviews` in namespace `bookinfo`',
        '- Deployment `bookinfo/reviews-v1` · bookinfo/deployments.yaml:4',
        '- Deployment `bookinfo/reviews-v2` · bookinfo/deployments.yaml:18',
      ].join('\n'),
    );
  });

  it('a principal: the ServiceAccount and how many workloads run as it', () => {
    assert.equal(
      hoverAt('bookinfo/ap.yaml', { line: 12, character: 30 }),
      '**ServiceAccount** `bookinfo/bookinfo-reviews` · bookinfo/accounts.yaml:4\n\n1 workload runs as it',
    );
  });

  it('an unresolved reference says quietly that it is not in the workspace', () => {
    assert.equal(
      hoverAt('bookinfo/vs.yaml', { line: 7, character: 28 }),
      '_Gateway `edge/nope` is not in the workspace._',
    );
    assert.equal(
      hoverAt('bookinfo/vs.yaml', { line: 14, character: 15 }),
      '_Host `nosuchsvc.bookinfo.svc.cluster.local` is not in the workspace._',
    );
    assert.equal(
      hoverAt('bookinfo/ap.yaml', { line: 12, character: 80 }),
      '_ServiceAccount `bookinfo/ghost` is not in the workspace._',
    );
  });

  it('nothing off a reference, nor on a wildcard principal', () => {
    assert.equal(hoverAt('bookinfo/ap.yaml', { line: 12, character: 110 }), undefined);
    assert.equal(hoverAt('bookinfo/vs.yaml', { line: 3, character: 9 }), undefined);
    assert.equal(hoverAt('bookinfo/vs.yaml', { line: 10, character: 8 }), undefined);
  });
});

describe('the reference summary comes before the field docs', () => {
  it('is put first, and leaves the hover alone off a reference', () => {
    const s = service();
    const file = s.snapshot('file:///hover-merge/vs.yaml', 1, VS);
    const base = s.hover(file, { line: 11, character: 10 });
    assert.ok(base && typeof base.contents === 'object' && 'value' in base.contents);
    const merged = withReference(base, '**Service** `bookinfo/reviews`');
    assert.deepEqual(merged, {
      contents: {
        kind: 'markdown',
        value: `**Service** \`bookinfo/reviews\`\n\n---\n\n${base.contents.value}`,
      },
    });
    assert.equal(withReference(base, undefined), base);
    assert.deepEqual(withReference(null, '_x_'), { contents: { kind: 'markdown', value: '_x_' } });
  });
});
