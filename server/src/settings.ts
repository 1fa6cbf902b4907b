import type { Connection } from 'vscode-languageserver/node';
import {
  DEFAULT_CLUSTER_SETTINGS,
  DEFAULT_SETTINGS,
  DEFAULT_WORKSPACE_SETTINGS,
  type ClusterSettings,
  type IstioSettings,
  type UnresolvedReferenceSeverity,
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
    const raw = (await connection.workspace.getConfiguration({
      scopeUri: uri || undefined,
      section: 'istio',
    })) as
      ({ validation?: Partial<IstioSettings['validation']> } & Record<string, unknown>) | null | undefined;
    const base = normalize(raw?.validation);
    const { scope, ...workspace } = normalizeWorkspace(raw ?? undefined);
    return { ...base, validation: { ...base.validation, scope }, ...workspace };
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

const UNRESOLVED: readonly UnresolvedReferenceSeverity[] = ['information', 'hint', 'off', 'warning', 'error'];

/** The workspace settings (istio.workspace.*, istio.mesh.*, istio.references.*, istio.validation.scope). */
export function normalizeWorkspace(
  raw: Record<string, unknown> | undefined,
): Pick<IstioSettings, 'workspace' | 'mesh' | 'references'> & { scope: 'workspace' | 'openFiles' } {
  const d = DEFAULT_WORKSPACE_SETTINGS;
  const o = (v: unknown): Record<string, unknown> =>
    v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  const ws = o(raw?.workspace);
  const mesh = o(raw?.mesh);
  const refs = o(raw?.references);
  const scope = o(raw?.validation).scope;
  const s = (v: unknown, dflt: string): string =>
    typeof v === 'string' && v.trim() !== '' ? v.trim() : dflt;
  return {
    workspace: {
      defaultNamespace: s(ws.defaultNamespace, d.workspace.defaultNamespace),
      exclude: Array.isArray(ws.exclude) ? ws.exclude.filter((g): g is string => typeof g === 'string') : [],
    },
    mesh: { clusterDomain: s(mesh.clusterDomain, d.mesh.clusterDomain), configFile: s(mesh.configFile, '') },
    references: {
      unresolved: UNRESOLVED.includes(refs.unresolved as UnresolvedReferenceSeverity)
        ? (refs.unresolved as UnresolvedReferenceSeverity)
        : d.references.unresolved,
    },
    scope: scope === 'openFiles' ? 'openFiles' : 'workspace',
  };
}
