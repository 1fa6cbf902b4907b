import type { Connection } from 'vscode-languageserver/node';
import {
  DEFAULT_CLUSTER_SETTINGS,
  DEFAULT_SETTINGS,
  type ClusterSettings,
  type IstioSettings,
} from '../../shared/src/protocol';
import { clampSetting, MAX_FILE_SIZE_MB } from '../../shared/src/limits';

/** Reads `istio.*` for a document, falling back to defaults for anything missing or malformed. */
export async function readSettings(
  connection: Connection,
  uri: string,
  canAsk: boolean,
): Promise<IstioSettings> {
  if (!canAsk) return DEFAULT_SETTINGS;
  try {
    const raw = (await connection.workspace.getConfiguration({ scopeUri: uri, section: 'istio' })) as
      { validation?: Partial<IstioSettings['validation']> } | null | undefined;
    return normalize(raw?.validation);
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function normalize(v: Partial<IstioSettings['validation']> | undefined): IstioSettings {
  const d = DEFAULT_SETTINGS.validation;
  return {
    validation: {
      enable: typeof v?.enable === 'boolean' ? v.enable : d.enable,
      ignore: Array.isArray(v?.ignore)
        ? v.ignore.filter((c): c is string => typeof c === 'string')
        : d.ignore,
      // Clamped to its hard maximum: a workspace cannot switch the size guard off.
      maxFileSizeMB: clampSetting(v?.maxFileSizeMB, MAX_FILE_SIZE_MB),
    },
  };
}

/** Reads `istio.cluster.*` (window and machine scope, so no document URI). */
export async function readClusterSettings(connection: Connection, canAsk: boolean): Promise<ClusterSettings> {
  if (!canAsk) return DEFAULT_CLUSTER_SETTINGS;
  try {
    const raw = (await connection.workspace.getConfiguration({ section: 'istio.cluster' })) as unknown;
    return normalizeCluster(raw);
  } catch {
    return DEFAULT_CLUSTER_SETTINGS;
  }
}

export function normalizeCluster(raw: unknown): ClusterSettings {
  const v = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof ClusterSettings, unknown>>;
  return {
    enabled:
      v.enabled === 'on' || v.enabled === 'off' || v.enabled === 'auto'
        ? v.enabled
        : DEFAULT_CLUSTER_SETTINGS.enabled,
    kubeconfig: typeof v.kubeconfig === 'string' ? v.kubeconfig.trim() : DEFAULT_CLUSTER_SETTINGS.kubeconfig,
  };
}
