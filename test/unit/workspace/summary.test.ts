import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarize, type Summary } from '../../../server/src/service/workspace/summary';
import { WorkspaceIndex } from '../../../server/src/service/workspace/workspaceIndex';
import { service } from '../helpers';

// What the workspace index keeps of each document (issue 12 §1, "What it holds").

let counter = 0;
function summaries(text: string): (Summary | undefined)[] {
  const s = service();
  const uri = `file:///sum/${++counter}.yaml`;
  const snap = s.snapshot(uri, 1, text);
  const out = snap.documents.map((d, i) => summarize(uri, i, d));
  s.close(uri);
  return out;
}
const one = (text: string): Summary | undefined => summaries(text)[0];
/** A summary without the link to its parsed document. */
const bare = (s: Summary | undefined): Omit<Summary, 'placed'> | undefined => {
  if (!s) return s;
  const { placed: _placed, ...rest } = s;
  void _placed;
  return rest;
};

const POD_SPEC = `      serviceAccountName: reviews
      containers:
      - name: app
        ports: [{containerPort: 9080, name: http}]
      - name: sidecar`;

describe('workspace summaries', () => {
  for (const [apiVersion, kind, spec] of [
    ['apps/v1', 'Deployment', 'spec:\n  template:\n    metadata:'],
    ['apps/v1', 'StatefulSet', 'spec:\n  template:\n    metadata:'],
    ['apps/v1', 'DaemonSet', 'spec:\n  template:\n    metadata:'],
    ['apps/v1', 'ReplicaSet', 'spec:\n  template:\n    metadata:'],
    ['batch/v1', 'Job', 'spec:\n  template:\n    metadata:'],
  ] as const)
    it(`keeps the pod template of a ${kind}`, () => {
      const s = one(`apiVersion: ${apiVersion}
kind: ${kind}
metadata: {name: reviews, namespace: bookinfo}
${spec}
      labels: {app: reviews, version: v1}
      annotations: {sidecar.istio.io/inject: "true"}
    spec:
${POD_SPEC}
`);
      assert.deepEqual(s?.workload, {
        labels: { app: 'reviews', version: 'v1' },
        annotations: { 'sidecar.istio.io/inject': 'true' },
        serviceAccountName: 'reviews',
        containers: [
          { name: 'app', ports: [{ containerPort: 9080, name: 'http' }] },
          { name: 'sidecar', ports: [] },
        ],
        path: ['spec', 'template', 'metadata'],
      });
      assert.equal(s?.declaredNamespace, 'bookinfo');
    });

  it('keeps the pod template of a CronJob (spec.jobTemplate.spec.template) and of a Pod (itself)', () => {
    const cron = one(`apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 0 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels: {app: nightly}
        spec:
          serviceAccount: batch
          containers: [{name: job}]
`);
    assert.deepEqual(cron?.workload, {
      labels: { app: 'nightly' },
      annotations: {},
      serviceAccountName: 'batch',
      containers: [{ name: 'job', ports: [] }],
      path: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
    });
    assert.equal(cron?.declaredNamespace, undefined);
    const pod = one(`apiVersion: v1
kind: Pod
metadata:
  name: debug
  labels: {app: debug}
spec:
  containers: [{name: shell}]
`);
    assert.deepEqual(pod?.workload, {
      labels: { app: 'debug' },
      annotations: {},
      serviceAccountName: undefined,
      containers: [{ name: 'shell', ports: [] }],
      path: ['metadata'],
    });
  });

  it('keeps a Service’s ports, selector, type and the exportTo annotation, split on commas', () => {
    const s = one(`apiVersion: v1
kind: Service
metadata:
  name: reviews
  annotations:
    networking.istio.io/exportTo: " ., istio-system ,"
spec:
  selector: {app: reviews}
  ports:
  - {name: http, port: 9080, targetPort: 8080}
  - {name: grpc, port: 9090, targetPort: grpc, protocol: TCP, appProtocol: grpc}
`);
    assert.deepEqual(s?.service, {
      ports: [
        { index: 0, name: 'http', port: 9080, targetPort: 8080, protocol: undefined, appProtocol: undefined },
        { index: 1, name: 'grpc', port: 9090, targetPort: 'grpc', protocol: 'TCP', appProtocol: 'grpc' },
      ],
      selector: { app: 'reviews' },
      type: 'ClusterIP',
      exportTo: ['.', 'istio-system'],
    });
    const ext = one(
      'apiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec: {type: ExternalName, externalName: a.b}\n',
    );
    assert.deepEqual(ext?.service, {
      ports: [],
      selector: undefined,
      type: 'ExternalName',
      exportTo: undefined,
    });
  });

  it('keeps a Secret’s name and type only: no value is in its summary', () => {
    const s = one(`apiVersion: v1
kind: Secret
metadata: {name: tls-cert, namespace: istio-system}
type: kubernetes.io/tls
data:
  tls.crt: c2VjcmV0LWNlcnQ=
stringData:
  password: hunter2-value
`);
    assert.equal(s?.secretType, 'kubernetes.io/tls');
    const kept = JSON.stringify(bare(s));
    assert.doesNotMatch(kept, /c2VjcmV0LWNlcnQ=|hunter2-value|tls\.crt|password/);
    assert.equal(one('apiVersion: v1\nkind: Secret\nmetadata: {name: x}\n')?.secretType, 'Opaque');
  });

  it('keeps Namespace labels, ServiceAccounts, every Istio kind, Gateway API Gateway and HTTPRoute', () => {
    const [ns, sa, pa, gw, route, grpc] = summaries(`apiVersion: v1
kind: Namespace
metadata: {name: bookinfo, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: reviews, namespace: bookinfo}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: bookinfo}
spec: {mtls: {mode: STRICT}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: edge}
spec: {gatewayClassName: istio}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: front, namespace: edge}
spec: {parentRefs: [{name: public}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: {name: rpc, namespace: edge}
spec: {}
`);
    assert.deepEqual(ns?.labels, { 'istio-injection': 'enabled' });
    assert.equal(sa?.kind, 'ServiceAccount');
    assert.deepEqual(pa?.spec, { mtls: { mode: 'STRICT' } });
    assert.deepEqual(
      [gw?.group, gw?.kind, route?.kind],
      ['gateway.networking.k8s.io', 'Gateway', 'HTTPRoute'],
    );
    assert.equal(grpc, undefined, 'other Gateway API kinds are not indexed');
  });

  it('keeps the istio ConfigMap’s mesh text only; other ConfigMaps and kinds are not indexed', () => {
    const [mesh, other, cm, unrelated] = summaries(`apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data: {mesh: "rootNamespace: mesh-root"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: app-config}
data: {a: b}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: istio}
data: {meshNetworks: "x"}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
`);
    assert.equal(mesh?.meshText, 'rootNamespace: mesh-root');
    assert.deepEqual([other, cm, unrelated], [undefined, undefined, undefined]);
  });

  it('skips Helm templates and documents without a name', () => {
    const [helm, unnamed] = summaries(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: {{ .Values.name }}
spec:
  hosts: [reviews]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {namespace: bookinfo}
spec: {host: reviews}
`);
    assert.deepEqual([helm, unnamed], [undefined, undefined]);
  });

  it('one index object with a revision that every change bumps (nothing module-global)', () => {
    const a = new WorkspaceIndex();
    const b = new WorkspaceIndex();
    const s = service();
    const snap = s.snapshot(
      'file:///rev/a.yaml',
      1,
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: x}\n',
    );
    const r0 = a.revision;
    assert.equal(a.update(snap), true);
    assert.ok(a.revision > r0);
    assert.equal(a.update(snap), false, 'the same snapshot is no change');
    assert.deepEqual(
      a.resources('ServiceAccount').map((r) => `${r.namespace}/${r.name}`),
      ['default/x'],
    );
    assert.deepEqual(b.resources('ServiceAccount'), [], 'another index sees nothing of it');
    const r1 = a.revision;
    a.remove('file:///rev/a.yaml');
    assert.ok(a.revision > r1);
    assert.deepEqual(a.resources('ServiceAccount'), []);
    s.close('file:///rev/a.yaml');
  });
});
