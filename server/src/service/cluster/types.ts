/**
 * What the engine knows about the live cluster: summaries, never whole objects, and for every kind
 * whether it is known at all. Transport-free: the network code (server/src/cluster/) fills a
 * `ClusterStore`, tests fill one directly, and checks read it through `ClusterView`.
 */

/** The kinds read from a cluster. Istio and Gateway API custom resources are keyed `group/Kind`. */
export type CoreKind =
  | 'Namespace'
  | 'Service'
  | 'Pod'
  | 'ServiceAccount'
  | 'Secret'
  | 'MutatingWebhookConfiguration'
  | 'ConfigMap'
  | 'CustomResourceDefinition'
  | 'Deployment';

/** `Namespace`, `Pod`, … or `networking.istio.io/VirtualService`, `gateway.networking.k8s.io/HTTPRoute`. */
export type ClusterKind = CoreKind | `${string}/${string}`;

/**
 * How far a kind can be trusted.
 * - `synced`: listed and watched; absence means the object does not exist.
 * - `syncing`: the first list has not finished.
 * - `forbidden`: RBAC denies list or watch; nothing is known.
 * - `absent`: the cluster does not serve this kind (its CRD is not installed).
 * - `stale`: was synced, the connection is down; the last copy is kept but absence proves nothing.
 * - `unknown`: not read (no cluster, or not started).
 */
export type KindState = 'synced' | 'syncing' | 'forbidden' | 'absent' | 'stale' | 'unknown';

/** Fields every summary has, in the same shape as the workspace index's summaries. */
export interface ObjectSummary {
  kind: ClusterKind;
  /** Empty for cluster-scoped objects. */
  namespace: string;
  name: string;
  labels: Readonly<Record<string, string>>;
  resourceVersion: string;
}

export interface NamespaceSummary extends ObjectSummary {
  kind: 'Namespace';
}

export interface ServicePortSummary {
  name?: string;
  port: number;
  protocol: string;
  targetPort?: number | string;
  appProtocol?: string;
}

export interface ServiceSummary extends ObjectSummary {
  kind: 'Service';
  type: string;
  ports: ServicePortSummary[];
  /** Undefined when the Service has no selector (endpoints managed by hand). */
  selector?: Readonly<Record<string, string>>;
  /** `networking.istio.io/exportTo`, split at commas; undefined when not annotated. */
  exportTo?: string[];
  externalName?: string;
  /** `clusterIP: None`: a headless Service. */
  headless?: boolean;
}

export interface PodSummary extends ObjectSummary {
  kind: 'Pod';
  serviceAccount: string;
  phase: string;
  node: string;
  /** The image of the `istio-proxy` container (or init container, for native sidecars); undefined when absent. */
  proxyImage?: string;
  hasProxy: boolean;
  /** `sidecar.istio.io/inject` (annotation, else label), when set. */
  inject?: string;
  hostNetwork?: boolean;
  /** `ambient.istio.io/redirection: enabled`: the pod is in ambient mode. */
  ambient?: boolean;
  /** `sidecar.istio.io/proxyImage` is set, so the injector's image does not apply. */
  customProxyImage?: boolean;
}

export interface ServiceAccountSummary extends ObjectSummary {
  kind: 'ServiceAccount';
}

/** A Secret's name and type only: its data is dropped as it is read. */
export interface SecretSummary extends ObjectSummary {
  kind: 'Secret';
  type: string;
  /** The names of its data keys (never their values), for the gateway credential check. */
  keys?: string[];
}

export interface LabelSelectorSummary {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface WebhookSummary {
  name: string;
  namespaceSelector?: LabelSelectorSummary;
  objectSelector?: LabelSelectorSummary;
  /** The in-cluster service the webhook calls, `namespace/name`, when it calls one. */
  service?: string;
}

export interface MutatingWebhookSummary extends ObjectSummary {
  kind: 'MutatingWebhookConfiguration';
  webhooks: WebhookSummary[];
}

/** The `istio` ConfigMap's MeshConfig, or the `istio-sidecar-injector` ConfigMap's policy. */
export interface ConfigMapSummary extends ObjectSummary {
  kind: 'ConfigMap';
  mesh?: MeshConfigSummary;
  injector?: InjectorSummary;
  /** Why the `mesh` or `config` key could not be read, when it could not. */
  parseError?: string;
}

export interface MeshConfigSummary {
  rootNamespace?: string;
  trustDomain?: string;
  defaultServiceExportTo?: string[];
  defaultVirtualServiceExportTo?: string[];
  defaultDestinationRuleExportTo?: string[];
  outboundTrafficPolicyMode?: string;
  ingressControllerMode?: string;
}

export interface InjectorSummary {
  /** `enabled` or `disabled`: whether pods are injected without an explicit opt-in. */
  policy?: string;
  alwaysInjectSelector?: LabelSelectorSummary[];
  neverInjectSelector?: LabelSelectorSummary[];
  /** From `values`: the `istio-proxy` image the injector puts into pods. */
  proxyImage?: string;
  /** From `values`: `sidecarInjectorWebhook.enableNamespacesByDefault`. */
  enableNamespacesByDefault?: boolean;
}

export interface CrdVersionSummary {
  name: string;
  served: boolean;
  storage: boolean;
  /** Only kept for the Istio and Gateway API CRDs, whose schemas the engine may validate with. */
  schema?: unknown;
}

export interface CrdSummary extends ObjectSummary {
  kind: 'CustomResourceDefinition';
  group: string;
  crdKind: string;
  plural: string;
  scope: 'Namespaced' | 'Cluster';
  versions: CrdVersionSummary[];
}

/** The istiod Deployment: Istio's version is its image tag, its revision the `istio.io/rev` label. */
export interface DeploymentSummary extends ObjectSummary {
  kind: 'Deployment';
  image?: string;
  version?: string;
  revision: string;
  readyReplicas: number;
}

/** An Istio or Gateway API object: its spec is what checks read, so it is kept (status is not). */
export interface CustomObjectSummary extends ObjectSummary {
  apiVersion: string;
  spec: unknown;
}

export type AnySummary =
  | NamespaceSummary
  | ServiceSummary
  | PodSummary
  | ServiceAccountSummary
  | SecretSummary
  | MutatingWebhookSummary
  | ConfigMapSummary
  | CrdSummary
  | DeploymentSummary
  | CustomObjectSummary;

export interface SummaryByKind {
  Namespace: NamespaceSummary;
  Service: ServiceSummary;
  Pod: PodSummary;
  ServiceAccount: ServiceAccountSummary;
  Secret: SecretSummary;
  MutatingWebhookConfiguration: MutatingWebhookSummary;
  ConfigMap: ConfigMapSummary;
  CustomResourceDefinition: CrdSummary;
  Deployment: DeploymentSummary;
}

export type SummaryOf<K extends ClusterKind> = K extends keyof SummaryByKind
  ? SummaryByKind[K]
  : CustomObjectSummary;

/** The Istio control plane found in the cluster. */
export interface IstioInstall {
  version?: string;
  revision: string;
  namespace: string;
}

export interface ClusterChange {
  /** The kinds whose objects or state changed. */
  kinds: ClusterKind[];
  revision: number;
}

export interface Disposable {
  dispose(): void;
}

/** What cluster-aware checks, completion and the resolver read. */
export interface ClusterView {
  /** The kubeconfig context this view mirrors; undefined when no cluster is in use. */
  readonly context: string | undefined;
  /** Grows with every change, so results computed from the view can be cached by it. */
  readonly revision: number;
  state(kind: ClusterKind): KindState;
  /** Every object of a kind, or of a kind in one namespace. Empty unless the state says more. */
  list<K extends ClusterKind>(kind: K, namespace?: string): readonly SummaryOf<K>[];
  get<K extends ClusterKind>(kind: K, namespace: string, name: string): SummaryOf<K> | undefined;
  /** Istio control planes (istiod Deployments), default revision first. */
  istio(): IstioInstall[];
  onDidChange(listener: (change: ClusterChange) => void): Disposable;
}
