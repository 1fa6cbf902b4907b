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
  /** How the workspace is read as a whole (`istio.workspace.*`; the CLI's `--namespace`). */
  workspace?: {
    /** Namespace of a resource that names none (and no kustomization gives one). Default `default`. */
    defaultNamespace?: string;
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
