/**
 * Finding istioctl and kubectl, and reading istioctl's version. Pure Node; no `vscode` import.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type ToolName = 'istioctl' | 'kubectl';

export type ToolLocation =
  | { found: true; path: string; from: 'setting' | 'PATH' }
  | { found: false; reason: string; from: 'setting' | 'PATH' };

function isExecutableFile(p: string, platform: NodeJS.Platform): boolean {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) return false;
    if (platform !== 'win32') fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Expands a leading `~` the way people write it in settings. */
export function expandHome(p: string, home = os.homedir()): string {
  if (p === '~') return home;
  if (p.startsWith('~/') || p.startsWith('~\\')) return path.join(home, p.slice(2));
  return p;
}

/**
 * Looks `name` up in a PATH string (with PATHEXT on Windows). Empty and relative entries are ignored,
 * as VS Code's git support does: they resolve against the current folder, which may be a cloned
 * repository with an `istioctl` of its own (`node_modules/.bin`, `.`, an empty entry).
 */
export function findOnPath(
  name: string,
  envPath: string | undefined,
  platform: NodeJS.Platform = process.platform,
  pathExt = process.env.PATHEXT,
): string | undefined {
  if (!envPath) return undefined;
  const exts =
    platform === 'win32' ? ['', ...(pathExt ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean)] : [''];
  const delimiter = platform === 'win32' ? ';' : ':';
  const isAbsolute = (p: string): boolean =>
    platform === 'win32' ? path.win32.isAbsolute(p) : path.posix.isAbsolute(p);
  for (const raw of envPath.split(delimiter)) {
    // Windows allows quoted entries ("C:\Program Files\x").
    const dir = platform === 'win32' ? raw.replace(/^"(.*)"$/, '$1') : raw;
    if (!dir || !isAbsolute(dir)) continue;
    // A drive-relative Windows entry ("C:bin") is not absolute either.
    if (platform === 'win32' && /^[A-Za-z]:(?![\\/])/.test(dir)) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return undefined;
}

/**
 * Where `tool` is: the configured path when it is set (and then only there: a wrong setting is reported,
 * not silently replaced by another binary), otherwise the first match on PATH.
 */
export function locateTool(
  tool: ToolName,
  configured: string | undefined,
  envPath: string | undefined = process.env.PATH,
  platform: NodeJS.Platform = process.platform,
): ToolLocation {
  const setting = (configured ?? '').trim();
  if (setting) {
    const p = expandHome(setting);
    if (!path.isAbsolute(p)) {
      return {
        found: false,
        from: 'setting',
        reason: `istio.${tool}.path is "${setting}", which is not an absolute path.`,
      };
    }
    if (!fs.existsSync(p))
      return {
        found: false,
        from: 'setting',
        reason: `istio.${tool}.path points at ${p}, which does not exist.`,
      };
    if (!isExecutableFile(p, platform)) {
      return {
        found: false,
        from: 'setting',
        reason: `istio.${tool}.path points at ${p}, which is not an executable file.`,
      };
    }
    return { found: true, path: p, from: 'setting' };
  }
  const onPath = findOnPath(tool, envPath, platform);
  if (onPath) return { found: true, path: onPath, from: 'PATH' };
  return {
    found: false,
    from: 'PATH',
    reason: `${tool} was not found on PATH and istio.${tool}.path is not set.`,
  };
}

/**
 * Reads the client version from `istioctl version --remote=false -o json`
 * (`{"clientVersion":{"version":"1.30.3",…}}`), or from the text form `client version: 1.30.3`.
 */
export function parseIstioctlVersion(stdout: string): string | undefined {
  const text = stdout.trim();
  if (text.startsWith('{')) {
    try {
      const v = (JSON.parse(text) as { clientVersion?: { version?: unknown } }).clientVersion?.version;
      if (typeof v === 'string' && v) return v;
    } catch {
      /* fall through to the text form */
    }
  }
  const m = /client version:\s*(\S+)/i.exec(text) ?? /^(\d+\.\d+\.\d+\S*)$/m.exec(text);
  return m?.[1];
}

/** Major and minor of a version like `1.30.3`, `1.22.0-beta.1` or `1.23-dev`; undefined when unreadable. */
export function majorMinor(version: string): [number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** True when `version` is older than `major.minor` (unreadable versions are not called old). */
export function isOlderThan(version: string, major: number, minor: number): boolean {
  const mm = majorMinor(version);
  if (!mm) return false;
  return mm[0] < major || (mm[0] === major && mm[1] < minor);
}

/** The oldest istioctl this extension was written against (ISTIOCTL.md describes 1.30; 1.24 removed several commands). */
export const MIN_ISTIOCTL: readonly [number, number] = [1, 22];
