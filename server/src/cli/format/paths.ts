import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The path of `file` below `base` with `/` separators, or undefined when it lies outside `base`. */
export function pathBelow(file: string, base: string): string | undefined {
  const rel = relative(base, resolve(file));
  if (!rel || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** The name CI systems want: relative to `base` where possible, otherwise absolute. */
export function displayPath(file: string, base: string): string {
  return pathBelow(file, base) ?? resolve(file);
}

/** A folder as a file URI ending in `/`, so that relative references resolve below it. */
export function folderUri(folder: string): string {
  const href = pathToFileURL(resolve(folder)).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** A relative URI reference for a path below `base` (each segment percent-encoded). */
export function relativeUri(relPath: string): string {
  return relPath.split('/').map(encodeURIComponent).join('/');
}
