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
  message?: string;
}

/** Source of every diagnostic the project produces. */
export const DIAGNOSTIC_SOURCE = 'istio';
