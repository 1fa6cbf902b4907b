/**
 * Finds the YAML files of the workspace folders on disk, for the index. Skips node_modules and .git,
 * and paths matched by `files.exclude` or `istio.workspace.exclude` globs. Walks asynchronously, so
 * the server keeps answering while a large workspace is read.
 */
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

/** A VS Code glob (`**`, `*`, `?`, `{a,b}`, `[abc]`) as a regular expression over `/` paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let inBraces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      inBraces++;
      re += '(?:';
    } else if (c === '}' && inBraces) {
      inBraces--;
      re += ')';
    } else if (c === ',' && inBraces) re += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i);
      if (end === -1) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, end).replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** The globs of a `files.exclude` setting (an object of glob -> boolean) plus a list of globs. */
export function excludeMatchers(filesExclude: unknown, extra: readonly string[]): RegExp[] {
  const globs = [...extra];
  if (filesExclude && typeof filesExclude === 'object')
    for (const [glob, on] of Object.entries(filesExclude as Record<string, unknown>))
      if (on === true) globs.push(glob);
  return globs.flatMap((g) => {
    try {
      return [globToRegExp(g.replace(/\/$/, ''))];
    } catch {
      return [];
    }
  });
}

/** Is a path (relative to its folder, with `/`) excluded, itself or through a parent folder? */
export function isExcluded(rel: string, matchers: readonly RegExp[]): boolean {
  if (!matchers.length) return false;
  const parts = rel.split('/');
  for (let n = 1; n <= parts.length; n++) {
    const prefix = parts.slice(0, n).join('/');
    if (matchers.some((m) => m.test(prefix))) return true;
  }
  return false;
}

/** Every *.yaml / *.yml file under `root` that is not excluded, in batches. */
export async function* yamlFiles(
  root: string,
  matchers: readonly RegExp[],
  isCancelled: () => boolean,
  batchSize = 50,
): AsyncGenerator<string[]> {
  const pending = [root];
  let batch: string[] = [];
  while (pending.length && !isCancelled()) {
    const dir = pending.pop() as string;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (ALWAYS_SKIPPED.has(e.name)) continue;
      const path = join(dir, e.name);
      const rel = relative(root, path).split(sep).join('/');
      if (isExcluded(rel, matchers)) continue;
      if (e.isDirectory()) pending.push(path);
      else if (e.isFile() && (/\.ya?ml$/i.test(e.name) || e.name === 'Kustomization')) {
        batch.push(path);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
  }
  if (batch.length) yield batch;
}
