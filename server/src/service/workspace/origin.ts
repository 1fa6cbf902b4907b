/**
 * Where a resource comes from, for completion details and hovers: `bookinfo/reviews.yaml:3` (its file,
 * relative to the folder that holds every indexed file, and the line of its name), or `cluster <name>`
 * for a resource read from a cluster.
 */
import { placeRange } from './crossChecks';
import type { Resource } from './summary';
import type { WorkspaceIndex } from './workspaceIndex';

const prefixes = new WeakMap<WorkspaceIndex, { revision: number; prefix: string }>();

/** The folder URI (ending in `/`) that holds every indexed file. */
function commonFolder(index: WorkspaceIndex): string {
  const cached = prefixes.get(index);
  if (cached?.revision === index.revision) return cached.prefix;
  let prefix: string | undefined;
  for (const uri of index.uris()) {
    const folder = uri.slice(0, uri.lastIndexOf('/') + 1);
    if (prefix === undefined) prefix = folder;
    else {
      let n = 0;
      while (n < prefix.length && n < folder.length && prefix[n] === folder[n]) n++;
      prefix = prefix.slice(0, prefix.lastIndexOf('/', n - 1) + 1);
    }
  }
  const value = prefix ?? '';
  prefixes.set(index, { revision: index.revision, prefix: value });
  return value;
}

/** The 1-based line of a resource's name (or of its document) in its file. */
export function lineOf(r: Resource): number | undefined {
  const range = placeRange(r, ['metadata', 'name'], 'value');
  if (range) return range.start.line + 1;
  return r.placed ? r.placed.chunk.line + 1 : undefined;
}

/**
 * A file URI relative to its workspace folder (the longest one that holds it), else to the folder that
 * holds every indexed file, decoded for display.
 */
export function relativePath(index: WorkspaceIndex, uri: string): string {
  let folder = '';
  for (const root of index.roots) if (uri.startsWith(root) && root.length > folder.length) folder = root;
  if (!folder) folder = commonFolder(index);
  const rel =
    folder && uri.startsWith(folder) ? uri.slice(folder.length) : uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(rel);
  } catch {
    return rel;
  }
}

/** `file:line`, or `cluster <name>` for a resource from a cluster. */
export function originOf(index: WorkspaceIndex, r: Resource): string {
  if (r.origin?.cluster) return `cluster ${r.origin.cluster}`;
  const line = lineOf(r);
  const path = relativePath(index, r.uri);
  return line ? `${path}:${line}` : path;
}
