/**
 * Types shared by the client, the language server and the CLI. Declared once here so they cannot drift.
 *
 * A new setting travels: package.json `contributes.configuration` -> `IstioSettings` below ->
 * `readSettings` in server/src/settings.ts (LSP) or the CLI's defaults -> the engine, which receives the
 * settings object as an argument and never reads configuration on its own.
 */

/** Settings under `istio.*` that the language server needs. */
export interface IstioSettings {
  validation: {
    enable: boolean;
    /** Diagnostic codes to drop. */
    ignore: string[];
    /** Files larger than this are not validated. */
    maxFileSizeMB: number;
    /** Which files get diagnostics: every indexed file, or open files only (default workspace). */
    scope?: 'workspace' | 'openFiles';
  };
  /** The workspace index (issue 12). Absent means the defaults in DEFAULT_WORKSPACE_SETTINGS. */
  workspace?: { defaultNamespace: string; exclude: string[] };
  mesh?: { clusterDomain: string; configFile: string };
  references?: { unresolved: UnresolvedReferenceSeverity };
}

/** How a reference whose target cannot be seen is reported (istio.references.unresolved). */
export type UnresolvedReferenceSeverity = 'information' | 'hint' | 'off' | 'warning' | 'error';

/** Defaults of the workspace settings. */
export const DEFAULT_WORKSPACE_SETTINGS: Required<Pick<IstioSettings, 'workspace' | 'mesh' | 'references'>> =
  {
    workspace: { defaultNamespace: 'default', exclude: [] },
    mesh: { clusterDomain: 'cluster.local', configFile: '' },
    references: { unresolved: 'information' },
  };

export const DEFAULT_SETTINGS: IstioSettings = {
  validation: { enable: true, ignore: [], maxFileSizeMB: 5 },
};

/** Sent by the server once it has loaded its schemas: shown in the language status item. */
export const ServerStatusNotification = 'istio/serverStatus';
export interface ServerStatus {
  state: 'ready' | 'error';
  istioVersion: string;
  kinds: number;
  /** How the kinds are said everywhere ("15 Istio CRD kinds, plus IstioOperator"). */
  kindsText?: string;
  message?: string;
}

/** Source of every diagnostic the project produces. */
export const DIAGNOSTIC_SOURCE = 'istio';

// ---------------------------------------------------------------- istio/ requests (client -> server)
// The client reads YAML only through these: the server's parsed documents are the one YAML engine.

/** A zero-based line/character position and range, as in LSP. */
export interface IstioPosition {
  line: number;
  character: number;
}
export interface IstioRange {
  start: IstioPosition;
  end: IstioPosition;
}

/** One route of a VirtualService: the document's index in the file, the route list and the index in it. */
export interface TrafficRouteRef {
  doc: number;
  section: 'http' | 'tcp' | 'tls';
  index: number;
}

/** `istio/trafficRoutes`: the VirtualService routes of an open document, with Istio's effective shares. */
export const TrafficRoutesRequest = 'istio/trafficRoutes';
export interface TrafficRoutesParams {
  uri: string;
}
export interface TrafficDestination {
  host: string;
  subset?: string;
  /** `host` or `host:subset`. */
  label: string;
  /** As written; absent when the destination has no weight. */
  weight?: number;
  /** Percent of the route's traffic; absent when Istio rejects the split. */
  share?: number;
}
export interface TrafficRoute {
  ref: TrafficRouteRef;
  virtualService: string;
  namespace?: string;
  name?: string;
  destinations: TrafficDestination[];
  /** The route's list item. */
  range: IstioRange;
  /** The whole document holding the VirtualService (what "apply this resource" sends). */
  documentRange: IstioRange;
  /** "47%/53%", or why Istio rejects the split. The CodeLens shows it; the inlay hints agree. */
  split: string;
  /** Set when Istio rejects the split (two or more destinations whose weights add up to 0). */
  invalid?: string;
}
export interface TrafficRoutesResult {
  /** The document version the routes were computed for. */
  version: number;
  routes: TrafficRoute[];
}

/** `istio/weightEdits`: the text edits that give one route new weights. */
export const WeightEditsRequest = 'istio/weightEdits';
export interface WeightEditsParams {
  uri: string;
  ref: TrafficRouteRef;
  weights: number[];
}
export interface IstioTextEdit {
  range: IstioRange;
  newText: string;
}
export type WeightEditsResult = { version: number; edits: IstioTextEdit[] } | { error: string };

/** `istio/resources`: the resources of a YAML text (an open document, or a file's text sent along). */
export const ResourcesRequest = 'istio/resources';
export interface ResourcesParams {
  uri: string;
  /** The text of a file that is not open; without it, the open document `uri`. */
  text?: string;
}
export interface ResourceSummary {
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
  /** Whether the apiVersion's group is an Istio group. */
  istio: boolean;
  /** Zero-based line of `metadata.name`, or of the document's start. */
  line: number;
  /** The whole document. */
  range: IstioRange;
}
export interface ResourcesResult {
  resources: ResourceSummary[];
}

/** `istio/checkIstioOperator`: checks an IstioOperator text before istioctl gets it. */
export const CheckIstioOperatorRequest = 'istio/checkIstioOperator';
export interface CheckIstioOperatorParams {
  text: string;
}
export interface IstioOperatorProblem {
  /** Zero-based. */
  line: number;
  message: string;
}
export interface CheckIstioOperatorResult {
  /** How many IstioOperator documents the text holds. */
  documents: number;
  problems: IstioOperatorProblem[];
  profile?: string;
  revision?: string;
}

/** `istio.cluster.*`: whether and how the language server reads the live cluster. */
export interface ClusterSettings {
  /** `auto`: connect when the workspace is trusted and the kubeconfig has a current context. */
  enabled: 'auto' | 'on' | 'off';
  /** Used only when neither KUBECONFIG nor ~/.kube/config exists. Machine-scoped. */
  kubeconfig: string;
}

export const DEFAULT_CLUSTER_SETTINGS: ClusterSettings = { enabled: 'auto', kubeconfig: '' };

/** The states of the cluster connection, as the status item shows them. */
export type ClusterState =
  | 'disabled'
  | 'untrusted'
  | 'no-kubeconfig'
  | 'invalid-kubeconfig'
  | 'connecting'
  | 'connected'
  | 'forbidden'
  | 'unreachable'
  | 'unauthorized'
  | 'credentials-failed';

/** Sent by the server whenever the cluster connection's state changes. Never holds a credential. */
export const ClusterStatusNotification = 'istio/clusterStatus';
export interface ClusterStatus {
  state: ClusterState;
  /** One line a person can act on. */
  message: string;
  context?: string;
  /** The API server's address, without any user information. */
  server?: string;
  kubernetesVersion?: string;
  istioVersion?: string;
  istioRevision?: string;
  /** ISO time of the last change seen from the cluster (list or watch event). */
  lastSync?: string;
  /** Kinds RBAC does not let us list or watch; checks that need them say so. */
  forbiddenKinds?: string[];
  /** Kinds the cluster does not serve (their CRD is not installed). */
  absentKinds?: string[];
  /** Objects held per kind. */
  counts?: Record<string, number>;
}

/** Sent by the client: workspace trust and the user's choices from the cluster commands. */
export const ClusterControlNotification = 'istio/clusterControl';
export interface ClusterControl {
  trusted: boolean;
  /** The context chosen with "Istio: Select Cluster Context…"; undefined means current-context. */
  context?: string;
  /** "Istio: Disconnect Cluster" was run (until a context is selected again). */
  disconnected?: boolean;
  /** Connect again now, resetting backoff. */
  reconnect?: boolean;
}

/** Asked by the client for "Istio: Select Cluster Context…". */
export const ClusterContextsRequest = 'istio/clusterContexts';
export interface ClusterContextInfo {
  name: string;
  cluster: string;
  namespace?: string;
}
export interface ClusterContexts {
  contexts: ClusterContextInfo[];
  /** The kubeconfig's current-context. */
  current?: string;
  /** The context in use, when it differs. */
  selected?: string;
  files: string[];
  /** Why the kubeconfig could not be read. */
  error?: string;
}
