import type { Diagnostic } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../../shared/src/protocol';
import { ClusterSource } from '../../../server/src/service/cluster/source';
import { ClusterStore } from '../../../server/src/service/cluster/store';
import { summarize } from '../../../server/src/service/cluster/summarize';
import type { ClusterKind, KindState } from '../../../server/src/service/cluster/types';
import { WorkspaceEngine } from '../../../server/src/service/workspace/engine';
import { service } from '../helpers';

/** A Kubernetes object as the API server returns it, reduced to what the tests set. */
export interface Raw {
  kind: ClusterKind;
  body: Record<string, unknown>;
}

const meta = (ns: string, name: string, labels: Record<string, string> = {}): Record<string, unknown> => ({
  name,
  ...(ns ? { namespace: ns } : {}),
  labels,
  resourceVersion: '1',
});

export const namespace = (name: string, labels: Record<string, string> = {}): Raw => ({
  kind: 'Namespace',
  body: { apiVersion: 'v1', kind: 'Namespace', metadata: meta('', name, labels) },
});

export const pod = (
  ns: string,
  name: string,
  labels: Record<string, string>,
  opts: {
    serviceAccount?: string;
    proxyImage?: string;
    annotations?: Record<string, string>;
    hostNetwork?: boolean;
  } = {},
): Raw => ({
  kind: 'Pod',
  body: {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...meta(ns, name, labels), annotations: opts.annotations ?? {} },
    spec: {
      serviceAccountName: opts.serviceAccount ?? 'default',
      nodeName: 'node-1',
      ...(opts.hostNetwork ? { hostNetwork: true } : {}),
      containers: [
        { name: 'app', image: 'example/app:1' },
        ...(opts.proxyImage ? [{ name: 'istio-proxy', image: opts.proxyImage }] : []),
      ],
    },
    status: { phase: 'Running' },
  },
});

export const service_ = (
  ns: string,
  name: string,
  selector: Record<string, string> | undefined,
  ports: { name?: string; port: number; targetPort?: number | string }[] = [{ name: 'http', port: 9080 }],
): Raw => ({
  kind: 'Service',
  body: {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(ns, name),
    spec: {
      type: 'ClusterIP',
      ...(selector ? { selector } : {}),
      ports: ports.map((p) => ({ protocol: 'TCP', ...p })),
    },
  },
});

export const serviceAccount = (ns: string, name: string): Raw => ({
  kind: 'ServiceAccount',
  body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(ns, name) },
});

export const secret = (ns: string, name: string, type: string, data: Record<string, string> = {}): Raw => ({
  kind: 'Secret',
  body: { apiVersion: 'v1', kind: 'Secret', metadata: meta(ns, name), type, data },
});

/** The istio-sidecar-injector ConfigMap with the given `values` (hub, tag, image, namespaces by default). */
export const injectorConfigMap = (values: Record<string, unknown>, name = 'istio-sidecar-injector'): Raw => ({
  kind: 'ConfigMap',
  body: {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta('istio-system', name),
    data: { values: JSON.stringify(values), config: 'policy: enabled\n' },
  },
});

/** Istio's injector webhooks as istioctl installs them: one per namespace label, one per pod opt-in. */
export const injectorWebhooks = (): Raw => ({
  kind: 'MutatingWebhookConfiguration',
  body: {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: meta('', 'istio-sidecar-injector'),
    webhooks: [
      {
        name: 'namespace.sidecar-injector.istio.io',
        clientConfig: { service: { name: 'istiod', namespace: 'istio-system' } },
        namespaceSelector: {
          matchExpressions: [{ key: 'istio-injection', operator: 'In', values: ['enabled'] }],
        },
        objectSelector: {
          matchExpressions: [{ key: 'sidecar.istio.io/inject', operator: 'NotIn', values: ['false'] }],
        },
      },
      {
        name: 'object.sidecar-injector.istio.io',
        clientConfig: { service: { name: 'istiod', namespace: 'istio-system' } },
        namespaceSelector: {
          matchExpressions: [
            { key: 'istio-injection', operator: 'DoesNotExist' },
            { key: 'istio.io/rev', operator: 'DoesNotExist' },
          ],
        },
        objectSelector: {
          matchExpressions: [{ key: 'sidecar.istio.io/inject', operator: 'In', values: ['true'] }],
        },
      },
    ],
  },
});

/** An Istio or Gateway API object, e.g. custom('networking.istio.io', 'v1', 'Gateway', ...). */
export const custom = (
  group: string,
  version: string,
  kind: string,
  ns: string,
  name: string,
  spec: unknown,
  labels: Record<string, string> = {},
): Raw => ({
  kind: `${group}/${kind}`,
  body: { apiVersion: `${group}/${version}`, kind, metadata: meta(ns, name, labels), spec },
});

/** The kinds a cluster with Istio serves; each test's store starts with all of them synced and empty. */
export const SYNCED_KINDS: ClusterKind[] = [
  'Namespace',
  'Service',
  'Pod',
  'ServiceAccount',
  'Secret',
  'ConfigMap',
  'MutatingWebhookConfiguration',
  'networking.istio.io/VirtualService',
  'networking.istio.io/DestinationRule',
  'networking.istio.io/Gateway',
  'networking.istio.io/ServiceEntry',
  'networking.istio.io/Sidecar',
  'security.istio.io/AuthorizationPolicy',
  'security.istio.io/RequestAuthentication',
  'telemetry.istio.io/Telemetry',
  'gateway.networking.k8s.io/Gateway',
];

/** A store for context `prod-eu` holding the objects, every SYNCED_KINDS kind synced unless overridden. */
export function clusterOf(
  objects: Raw[],
  states: Partial<Record<ClusterKind, KindState>> = {},
  context = 'prod-eu',
): ClusterStore {
  const store = new ClusterStore(context);
  const kinds = new Set<ClusterKind>([...SYNCED_KINDS, ...objects.map((o) => o.kind)]);
  for (const k of kinds) {
    store.replace(
      k,
      objects.filter((o) => o.kind === k).map((o) => summarize(k, o.body)),
    );
    store.setState(k, 'synced');
  }
  for (const [k, s] of Object.entries(states)) if (s) store.setState(k as ClusterKind, s);
  return store;
}

let counter = 0;

/** The cross-resource diagnostics of inline files checked against a cluster store, by file name. */
export function crossCheck(files: Record<string, string>, store: ClusterStore): Record<string, Diagnostic[]> {
  const engine = new WorkspaceEngine();
  engine.addSource(new ClusterSource(store));
  return crossCheckWith(engine, files);
}

export function crossCheckWith(
  engine: WorkspaceEngine,
  files: Record<string, string>,
): Record<string, Diagnostic[]> {
  const s = service();
  const base = `file:///cl${++counter}/`;
  const out: Record<string, Diagnostic[]> = {};
  for (const [name, text] of Object.entries(files)) engine.update(s.snapshot(base + name, 1, text));
  for (const name of Object.keys(files))
    out[name] = engine.diagnostics(base + name, DEFAULT_SETTINGS, () => undefined);
  return out;
}

/** [code, line, severity, message] of every diagnostic (severity 1 error … 3 information). */
export function brief(ds: Diagnostic[]): [string, number, number, string][] {
  return ds.map((d) => [String(d.code), d.range.start.line, d.severity ?? 0, d.message]);
}
