// Types of the test API server's public API (index.mjs), for the TypeScript tests.

export interface ServerUser {
  name: string;
  token?: string;
  groups?: string[];
  rules?: { verbs: string[]; apiGroups: string[]; resources: string[]; namespaces?: string[] }[];
}

export interface Denial {
  resource: string;
  group?: string;
  verbs?: string[];
  namespace?: string;
  user?: string;
}

export interface Faults {
  delayMs: number;
  unauthorized: boolean;
  forbid: Denial[];
  failRequests?: { code?: number; count: number; pathPrefix?: string };
  dropWatchAfterEvents?: number;
  expireNextWatch: number;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    resourceVersion?: string;
    uid?: string;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

export interface ServerOptions {
  users?: ServerUser[];
  historyLimit?: number;
  bookmarkIntervalMs?: number;
  watchTimeoutSeconds?: number;
  port?: number;
  log?: (line: string) => void;
  crds?: boolean;
  crdBundle?: string;
  seedDir?: string;
  objects?: KubeObject[];
  runDir?: string;
  name?: string;
}

export declare class ApiServer {
  constructor(options?: ServerOptions);
  readonly url: string;
  readonly port: number;
  readonly faults: Faults;
  /** The options it runs with; `log` may be replaced at any time (it gets one line per request). */
  options: ServerOptions;
  readonly ca: { certPem: string };
  readonly store: { rv: number; compactedRv: number };
  readonly watches: Set<unknown>;
  kubeconfigPath?: string;
  controlPath?: string;
  start(): Promise<ApiServer>;
  stop(): Promise<void>;
  /** Creates or replaces an object as the server stores it; returns the stored object. */
  apply(obj: KubeObject): KubeObject;
  remove(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject;
  tokenOf(user: string): string | undefined;
  clientCert(user: string, groups?: string[]): { certPem: string; keyPem: string };
  setFaults(partial: Partial<Faults>): void;
  clearFaults(): void;
  dropWatches(): void;
  endWatches(): void;
  compact(): void;
  refuseConnections(): Promise<void>;
  acceptConnections(): Promise<void>;
}

export declare const BOOKINFO_SEED: string;
export declare function startApiServer(options?: ServerOptions): Promise<ApiServer>;
export declare function startDemoCluster(options: {
  seedDir?: string;
  runDir: string;
  log?: (line: string) => void;
  /** The cluster and context name (default "istio-demo"). */
  name?: string;
}): Promise<{
  url: string;
  kubeconfigPath: string;
  controlPath: string;
  server: ApiServer;
  stop: () => Promise<void>;
}>;
export declare function parseManifests(text: string, source?: string): KubeObject[];
export declare function kubeconfig(server: ApiServer, name: string): Record<string, unknown>;
