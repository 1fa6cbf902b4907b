/**
 * Bounds of the numeric settings, shared by package.json's schema (a test keeps them equal), the
 * server's and the client's settings readers. A workspace can choose within them, never beyond:
 * the schema alone is only advice to the settings editor, so the readers clamp as well.
 */
export interface Bounds {
  min: number;
  max: number;
  default: number;
}

/** istio.validation.maxFileSizeMB: above 50 MB one file could stall the server for many seconds. */
export const MAX_FILE_SIZE_MB: Bounds = { min: 0.1, max: 50, default: 5 };
/** istio.commandTimeoutSeconds */
export const COMMAND_TIMEOUT_SECONDS: Bounds = { min: 5, max: 3600, default: 120 };
/** istio.install.timeoutSeconds */
export const INSTALL_TIMEOUT_SECONDS: Bounds = { min: 30, max: 7200, default: 900 };

/** A setting's value within its bounds; the default when it is not a finite number. */
export function clampSetting(value: unknown, b: Bounds): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return b.default;
  return Math.min(b.max, Math.max(b.min, value));
}
