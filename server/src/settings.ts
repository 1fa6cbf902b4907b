import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, type IstioSettings } from '../../shared/src/protocol';
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
