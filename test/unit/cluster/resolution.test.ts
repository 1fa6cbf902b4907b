import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterSource } from '../../../server/src/service/cluster/source';
import {
  brief,
  clusterOf,
  crossCheck,
  custom,
  namespace,
  pod,
  service_,
  serviceAccount,
  type Raw,
} from './clusterHelpers';

const VS = (host: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination:
        host: ${host}
`;

const DR = (subset: string): string => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets:
  - name: ${subset}
    labels: {version: ${subset}}
`;

const BOOKINFO = [
  namespace('bookinfo', { 'istio-injection': 'enabled' }),
  service_('bookinfo', 'reviews', { app: 'reviews' }),
  pod(
    'bookinfo',
    'reviews-v1-abc',
    { app: 'reviews', version: 'v1' },
    { serviceAccount: 'bookinfo-reviews' },
  ),
  serviceAccount('bookinfo', 'bookinfo-reviews'),
];

describe('the cluster as a source', () => {
  it('resolves a host that only the cluster has', () => {
    const d = crossCheck({ 'vs.yaml': VS('reviews') }, clusterOf(BOOKINFO))['vs.yaml'];
    assert.deepEqual(brief(d), []);
  });

  it('reports a host missing from both the workspace and a synced cluster, saying what it is based on', () => {
    const d = crossCheck({ 'vs.yaml': VS('ratings') }, clusterOf(BOOKINFO))['vs.yaml'];
    assert.deepEqual(brief(d), [
      [
        'IST0101',
        8,
        1,
        'host "ratings.bookinfo.svc.cluster.local" matches no Service or ServiceEntry visible from namespace bookinfo',
      ],
    ]);
    assert.deepEqual(
      d[0].relatedInformation?.map((r) => r.message),
      [
        'no Service or ServiceEntry with host ratings.bookinfo.svc.cluster.local is visible from namespace bookinfo (cluster prod-eu)',
      ],
    );
  });

  for (const state of ['forbidden', 'syncing', 'stale', 'unknown'] as const) {
    it(`says quietly that Services are ${state}, never an error`, () => {
      const d = crossCheck({ 'vs.yaml': VS('ratings') }, clusterOf(BOOKINFO, { Service: state }))['vs.yaml'];
      assert.equal(d.length, 1);
      assert.equal(d[0].severity, 3);
      assert.equal(d[0].code, 'unresolved-reference');
      const why = {
        forbidden: 'Services in cluster prod-eu are not readable: forbidden',
        syncing: 'Services in cluster prod-eu are not synced yet',
        stale: 'Services in cluster prod-eu may be out of date: the connection is down',
        unknown: 'Services in cluster prod-eu have not been read',
      }[state];
      assert.equal(
        d[0].message,
        `Service or ServiceEntry "ratings.bookinfo.svc.cluster.local" is not in the workspace, and cannot be checked in the cluster: ${why}`,
      );
      assert.ok(!/connect a cluster/.test(d[0].message));
    });
  }

  it('asks to connect a cluster only while none is in use', () => {
    const store = clusterOf(BOOKINFO);
    store.clear(); // disconnected: no context, nothing known
    const d = crossCheck({ 'vs.yaml': VS('ratings') }, store)['vs.yaml'];
    assert.deepEqual(brief(d), [
      [
        'unresolved-reference',
        8,
        3,
        'Service or ServiceEntry "ratings.bookinfo.svc.cluster.local" is not in the workspace; connect a cluster to check',
      ],
    ]);
  });

  it('lets a workspace file override the cluster copy of the same Service', () => {
    const svc = `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {app: reviews-next}
  ports: [{name: http, port: 9080}]
`;
    const store = clusterOf(BOOKINFO);
    // The cluster's Service selects app=reviews, whose v1 pod exists: no finding.
    assert.deepEqual(brief(crossCheck({ 'dr.yaml': DR('v1') }, store)['dr.yaml']), []);
    // The workspace's Service selects app=reviews-next: no pod has it, so the subset selects nothing.
    const d = crossCheck({ 'dr.yaml': DR('v1'), 'svc.yaml': svc }, store)['dr.yaml'];
    assert.deepEqual(brief(d), [
      ['IST0173', 7, 1, 'subset "v1" selects no workload (app=reviews-next, version=v1)'],
    ]);
  });

  it('reports a subset whose labels match no pod, with the pod count as related information', () => {
    const d = crossCheck({ 'dr.yaml': DR('v9') }, clusterOf(BOOKINFO))['dr.yaml'];
    assert.deepEqual(brief(d), [
      ['IST0173', 7, 1, 'subset "v9" selects no workload (app=reviews, version=v9)'],
    ]);
    assert.deepEqual(
      d[0].relatedInformation?.map((r) => r.message),
      ['0 pods in namespace bookinfo match app=reviews, version=v9 (cluster prod-eu)'],
    );
  });

  it('is quiet about a subset while Pods are forbidden', () => {
    const d = crossCheck({ 'dr.yaml': DR('v9') }, clusterOf(BOOKINFO, { Pod: 'forbidden' }))['dr.yaml'];
    assert.deepEqual(brief(d), [
      [
        'unresolved-reference',
        7,
        3,
        'A workload with labels app=reviews, version=v9 in namespace bookinfo is not in the workspace, and cannot be checked in the cluster: Pods in cluster prod-eu are not readable: forbidden',
      ],
    ]);
  });

  it('marks cluster resources with their origin and no document, and follows the store revision', () => {
    const store = clusterOf(BOOKINFO);
    const src = new ClusterSource(store);
    const [svc] = src.resources('Service');
    assert.deepEqual(svc.origin, { cluster: 'prod-eu' });
    assert.equal(svc.placed, undefined);
    assert.equal(svc.namespace, 'bookinfo');
    assert.deepEqual(svc.service?.selector, { app: 'reviews' });
    const [p] = src.resources('Pod');
    assert.deepEqual(p.workload?.labels, { app: 'reviews', version: 'v1' });
    assert.equal(p.workload?.serviceAccountName, 'bookinfo-reviews');
    assert.deepEqual(src.resources('Deployment'), []);
    assert.equal(src.complete('Deployment'), true, 'pods stand for every workload kind');
    const before = src.revision;
    store.setState('Pod', 'stale');
    assert.notEqual(src.revision, before);
    assert.equal(src.complete('Pod'), false);
    assert.equal(src.complete('Deployment'), false);
    assert.equal(src.resources('Pod').length, 1, 'a stale kind keeps its last copy');
  });
});

describe('Istio kinds the cluster does not serve', () => {
  const GWREF = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  gateways: [bookinfo/public]
  http:
  - route:
    - destination: {host: reviews}
`;
  const crd = (group: string, kind: string, plural: string): Raw => ({
    kind: 'CustomResourceDefinition',
    body: {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${plural}.${group}`, resourceVersion: '1' },
      spec: {
        group,
        names: { kind, plural },
        scope: 'Namespaced',
        versions: [{ name: 'v1', served: true, storage: true }],
      },
    },
  });
  it('counts as absent once the CRD list is synced and has no such CRD', () => {
    const store = clusterOf([...BOOKINFO, crd('networking.istio.io', 'VirtualService', 'virtualservices')]);
    store.drop('networking.istio.io/Gateway');
    store.drop('gateway.networking.k8s.io/Gateway');
    store.setState('gateway.networking.k8s.io/Gateway', 'absent');
    const d = crossCheck({ 'vs.yaml': GWREF }, store)['vs.yaml'];
    assert.deepEqual(brief(d), [
      ['IST0101', 5, 1, 'gateway "bookinfo/public" (bookinfo/public) was not found'],
    ]);
  });
  it('is unknown while its CRD exists but its objects have not been listed', () => {
    const store = clusterOf([
      ...BOOKINFO,
      crd('networking.istio.io', 'VirtualService', 'virtualservices'),
      crd('networking.istio.io', 'Gateway', 'gateways'),
    ]);
    store.drop('networking.istio.io/Gateway');
    const d = crossCheck({ 'vs.yaml': GWREF }, store)['vs.yaml'];
    assert.deepEqual(
      d.map((x) => [x.code, x.severity]),
      [['unresolved-reference', 3]],
    );
    assert.match(d[0].message, /Gateways in cluster prod-eu have not been read/);
  });
});

describe("the cluster's MeshConfig", () => {
  const AP = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: reviews, namespace: bookinfo}
spec:
  rules:
  - from:
    - source:
        principals: ["prod.example/ns/bookinfo/sa/bookinfo-revews"]
`;
  const istioConfigMap = (mesh: string): Raw => ({
    kind: 'ConfigMap',
    body: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'istio', namespace: 'istio-system', resourceVersion: '1' },
      data: { mesh },
    },
  });
  it('sets the trust domain that principals are checked under', () => {
    const withMesh = crossCheck(
      { 'ap.yaml': AP },
      clusterOf([...BOOKINFO, istioConfigMap('trustDomain: prod.example\n')]),
    )['ap.yaml'];
    assert.deepEqual(brief(withMesh), [
      [
        'IST0101',
        7,
        1,
        'principal "prod.example/ns/bookinfo/sa/bookinfo-revews": ServiceAccount bookinfo/bookinfo-revews was not found',
      ],
    ]);
    // Under the default trust domain (cluster.local) a principal of another trust domain is not checked.
    assert.deepEqual(brief(crossCheck({ 'ap.yaml': AP }, clusterOf(BOOKINFO))['ap.yaml']), []);
  });
});

describe('a DestinationRule that only the cluster has', () => {
  const VS_SUBSET = (subset: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination:
        host: reviews
        subset: ${subset}
`;
  const DR_IN_CLUSTER = custom('networking.istio.io', 'v1', 'DestinationRule', 'bookinfo', 'reviews', {
    host: 'reviews',
    subsets: [{ name: 'v1', labels: { version: 'v1' } }],
  });
  it('resolves a subset it defines', () => {
    const d = crossCheck({ 'vs.yaml': VS_SUBSET('v1') }, clusterOf([...BOOKINFO, DR_IN_CLUSTER]))['vs.yaml'];
    assert.deepEqual(brief(d), []);
  });
  it('reports a subset it does not define, with the cluster copy named in the related information', () => {
    const d = crossCheck({ 'vs.yaml': VS_SUBSET('v2') }, clusterOf([...BOOKINFO, DR_IN_CLUSTER]))['vs.yaml'];
    assert.deepEqual(brief(d), [
      [
        'IST0101',
        9,
        1,
        'subset "v2" is not defined by DestinationRule bookinfo/reviews for host "reviews.bookinfo.svc.cluster.local" (it defines "v1")',
      ],
    ]);
    assert.deepEqual(
      d[0].relatedInformation?.map((r) => [
        r.location.uri.endsWith('/vs.yaml'),
        r.location.range.start.line,
        r.message,
      ]),
      [
        [
          true,
          9,
          'DestinationRule bookinfo/reviews applies to "reviews.bookinfo.svc.cluster.local" for namespace bookinfo (cluster prod-eu)',
        ],
      ],
    );
  });
});

describe('a ServiceEntry that only the cluster has', () => {
  const SE = custom('networking.istio.io', 'v1', 'ServiceEntry', 'bookinfo', 'payments', {
    hosts: ['payments.example.com'],
    ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }],
    resolution: 'DNS',
  });
  it('resolves its host; a host in neither is an error', () => {
    assert.deepEqual(
      brief(crossCheck({ 'vs.yaml': VS('payments.example.com') }, clusterOf([...BOOKINFO, SE]))['vs.yaml']),
      [],
    );
    assert.deepEqual(
      brief(crossCheck({ 'vs.yaml': VS('payment.example.com') }, clusterOf([...BOOKINFO, SE]))['vs.yaml']),
      [
        [
          'IST0101',
          8,
          1,
          'host "payment.example.com" matches no Service or ServiceEntry visible from namespace bookinfo',
        ],
      ],
    );
  });
  it('is not seen from a namespace it is not exported to', () => {
    const hidden = custom('networking.istio.io', 'v1', 'ServiceEntry', 'payments', 'payments', {
      hosts: ['payments.example.com'],
      exportTo: ['.'],
      resolution: 'DNS',
    });
    assert.deepEqual(
      brief(
        crossCheck({ 'vs.yaml': VS('payments.example.com') }, clusterOf([...BOOKINFO, hidden]))['vs.yaml'],
      ).map((x) => x[0]),
      ['IST0101'],
    );
  });
});
