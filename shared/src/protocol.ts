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
  };
}

export const DEFAULT_SETTINGS: IstioSettings = {
  validation: { enable: true, ignore: [], maxFileSizeMB: 5 },
};

/** Sent by the server once it has loaded its schemas: shown in the language status item. */
export const ServerStatusNotification = 'istio/serverStatus';
export interface ServerStatus {
  state: 'ready' | 'error';
  istioVersion: string;
  kinds: number;
  message?: string;
}

/** Source of every diagnostic the project produces. */
export const DIAGNOSTIC_SOURCE = 'istio';

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
