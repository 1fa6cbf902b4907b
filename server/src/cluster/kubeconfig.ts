import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { load } from 'js-yaml';

/**
 * Finding and merging kubeconfig files exactly as kubectl does: `KUBECONFIG` is a path list whose
 * files are merged with the first file that sets a value winning (for each named cluster, user and
 * context, and for current-context); files in the list that do not exist are skipped. Without
 * `KUBECONFIG`, `~/.kube/config`; without that, the `istio.cluster.kubeconfig` setting.
 * Relative file paths inside a kubeconfig are taken from the folder of the file that holds them.
 */

export type Raw = Record<string, unknown>;

export interface Entry {
  name: string;
  /** The `cluster`, `user` or `context` map, paths made absolute. */
  value: Raw;
  /** The file it came from. */
  source: string;
}

export interface MergedKubeconfig {
  files: string[];
  clusters: Map<string, Entry>;
  users: Map<string, Entry>;
  contexts: Map<string, Entry>;
  currentContext?: string;
}

export interface KubeconfigSource {
  path: string;
  text: string;
}

export class KubeconfigError extends Error {
  constructor(
    message: string,
    readonly kind: 'no-kubeconfig' | 'invalid-kubeconfig' | 'no-context' | 'context-not-found',
  ) {
    super(message);
  }
}

const obj = (v: unknown): Raw => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});

/** Which files to read, in merge order. `explicit` is `--kubeconfig` (CLI): it alone is read. */
export function kubeconfigPaths(env: {
  explicit?: string;
  KUBECONFIG?: string;
  home?: string;
  setting?: string;
  exists?: (p: string) => boolean;
}): string[] {
  const exists = env.exists ?? existsSync;
  if (env.explicit) return [env.explicit];
  const list = (env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  if (list.length) return [...new Set(list)].filter(exists);
  const home = env.home ?? homedir();
  const dflt = join(home, '.kube', 'config');
  if (home && exists(dflt)) return [dflt];
  if (env.setting && exists(env.setting)) return [env.setting];
  return [];
}

function absolutize(value: Raw, dir: string, keys: string[]): Raw {
  const out = { ...value };
  for (const k of keys) {
    const v = out[k];
    if (typeof v === 'string' && v && !isAbsolute(v)) out[k] = join(dir, v);
  }
  return out;
}

function userPaths(user: Raw, dir: string): Raw {
  const out = absolutize(user, dir, ['client-certificate', 'client-key', 'tokenFile']);
  const exec = obj(out.exec);
  // kubectl: a relative exec command with a path separator is relative to the kubeconfig's folder.
  if (typeof exec.command === 'string' && !isAbsolute(exec.command) && /[\\/]/.test(exec.command)) {
    out.exec = { ...exec, command: join(dir, exec.command) };
  }
  return out;
}

/** Parses one kubeconfig file. Throws a KubeconfigError naming the file when it is not a kubeconfig. */
export function parseKubeconfig(src: KubeconfigSource): Raw {
  let doc: unknown;
  try {
    doc = load(src.text, { json: true });
  } catch (err) {
    const first = (err as Error).message.split('\n')[0];
    throw new KubeconfigError(`kubeconfig ${src.path} does not parse: ${first}`, 'invalid-kubeconfig');
  }
  if (doc === undefined || doc === null) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new KubeconfigError(`kubeconfig ${src.path} is not a map`, 'invalid-kubeconfig');
  }
  for (const key of ['clusters', 'users', 'contexts'] as const) {
    const v = (doc as Raw)[key];
    if (v !== undefined && v !== null && !Array.isArray(v)) {
      throw new KubeconfigError(`kubeconfig ${src.path}: ${key} must be a list`, 'invalid-kubeconfig');
    }
  }
  return doc as Raw;
}

/** Merges kubeconfig files in order: the first to name a cluster, user or context, or to set current-context, wins. */
export function mergeKubeconfigs(sources: KubeconfigSource[]): MergedKubeconfig {
  const merged: MergedKubeconfig = { files: [], clusters: new Map(), users: new Map(), contexts: new Map() };
  for (const src of sources) {
    const doc = parseKubeconfig(src);
    merged.files.push(src.path);
    const dir = dirname(src.path);
    const take = (list: unknown, key: 'cluster' | 'user' | 'context', into: Map<string, Entry>): void => {
      for (const item of Array.isArray(list) ? list : []) {
        const it = obj(item);
        const name = typeof it.name === 'string' ? it.name : undefined;
        if (!name || into.has(name)) continue;
        let value = obj(it[key]);
        if (key === 'cluster') value = absolutize(value, dir, ['certificate-authority']);
        if (key === 'user') value = userPaths(value, dir);
        into.set(name, { name, value, source: src.path });
      }
    };
    take(doc.clusters, 'cluster', merged.clusters);
    take(doc.users, 'user', merged.users);
    take(doc.contexts, 'context', merged.contexts);
    const cc = doc['current-context'];
    if (merged.currentContext === undefined && typeof cc === 'string' && cc) merged.currentContext = cc;
  }
  return merged;
}

/** Reads and merges the files. Missing files were already filtered out; unreadable ones are errors. */
export function loadKubeconfig(
  paths: string[],
  read: (p: string) => string = (p) => readFileSync(p, 'utf8'),
): MergedKubeconfig {
  if (!paths.length)
    throw new KubeconfigError(
      'no kubeconfig: KUBECONFIG is unset and ~/.kube/config does not exist',
      'no-kubeconfig',
    );
  const sources: KubeconfigSource[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = read(path);
    } catch (err) {
      throw new KubeconfigError(
        `kubeconfig ${path} cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        'invalid-kubeconfig',
      );
    }
    sources.push({ path, text });
  }
  return mergeKubeconfigs(sources);
}

export interface ResolvedContext {
  name: string;
  namespace?: string;
  clusterName: string;
  cluster: Raw;
  userName?: string;
  user: Raw;
}

/** The context to use (the given name, else current-context) with its cluster and user. */
export function resolveContext(k: MergedKubeconfig, name?: string): ResolvedContext {
  const ctxName = name || k.currentContext;
  if (!ctxName)
    throw new KubeconfigError(
      'the kubeconfig has no current-context; choose one with "Istio: Select Cluster Context…"',
      'no-context',
    );
  const ctx = k.contexts.get(ctxName);
  if (!ctx) throw new KubeconfigError(`context "${ctxName}" is not in the kubeconfig`, 'context-not-found');
  const clusterName = typeof ctx.value.cluster === 'string' ? ctx.value.cluster : '';
  const cluster = k.clusters.get(clusterName);
  if (!cluster)
    throw new KubeconfigError(
      `context "${ctxName}" points to cluster "${clusterName}", which the kubeconfig does not define`,
      'context-not-found',
    );
  if (typeof cluster.value.server !== 'string' || !cluster.value.server) {
    throw new KubeconfigError(`cluster "${clusterName}" has no server`, 'invalid-kubeconfig');
  }
  const userName = typeof ctx.value.user === 'string' && ctx.value.user ? ctx.value.user : undefined;
  const user = userName ? k.users.get(userName)?.value : undefined;
  const out: ResolvedContext = { name: ctxName, clusterName, cluster: cluster.value, user: user ?? {} };
  if (userName) out.userName = userName;
  if (typeof ctx.value.namespace === 'string' && ctx.value.namespace) out.namespace = ctx.value.namespace;
  return out;
}
