/**
 * The CLI's file input: which files a PATH stands for, and reading them safely. Only regular files are
 * read, after a size check on the open file (so a FIFO, a device such as /dev/zero, or a file that
 * changes type under us is never read); a path that cannot be read is a failure of that path only,
 * and the run carries on with the others.
 */
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  statSync,
  type Stats,
} from 'node:fs';
import { join } from 'node:path';

/** A path that could not be used, with the reason in words. */
export interface PathFailure {
  path: string;
  message: string;
}

export interface Collected {
  files: string[];
  failures: PathFailure[];
}

const YAML_NAME = /\.ya?ml$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Node's error codes in words, for the messages people read. */
export function describeError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'it does not exist (or is a symbolic link to nothing)';
    case 'ELOOP':
      return 'it is a symbolic link loop';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return e?.message ?? String(err);
  }
}

/**
 * The YAML files that PATHs stand for: a file is taken as it is (whatever its name); a folder is
 * searched recursively for *.yaml and *.yml, skipping node_modules and .git, and following each
 * linked folder once (a link back to a parent does not loop).
 */
export function collectFiles(paths: readonly string[]): Collected {
  const out: Collected = { files: [], failures: [] };
  const seenDirs = new Set<string>();
  const fail = (path: string, message: string): void => {
    out.failures.push({ path, message });
  };
  const walk = (dir: string, st: Stats): void => {
    const id = `${st.dev}:${st.ino}`;
    if (seenDirs.has(id)) return;
    seenDirs.add(id);
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (err) {
      fail(dir, `cannot read the folder: ${describeError(err)}`);
      return;
    }
    for (const entry of entries) {
      if (SKIPPED_FOLDERS.has(entry)) continue;
      const child = join(dir, entry);
      let cst: Stats;
      try {
        cst = statSync(child);
      } catch (err) {
        // A dangling link or a loop among the folder's entries: a failure if it is named like YAML.
        if (YAML_NAME.test(entry)) fail(child, `cannot read it: ${describeError(err)}`);
        continue;
      }
      if (cst.isDirectory()) walk(child, cst);
      else if (YAML_NAME.test(entry)) {
        if (cst.isFile()) out.files.push(child);
        else fail(child, `not read: it is ${kindOf(cst)}, not a regular file`);
      }
    }
  };
  for (const p of paths) {
    let st: Stats;
    try {
      st = statSync(p);
    } catch (err) {
      fail(p, `cannot read it: ${describeError(err)}`);
      continue;
    }
    if (st.isDirectory()) walk(p, st);
    else if (st.isFile()) out.files.push(p);
    else fail(p, `not read: it is ${kindOf(st)}, not a regular file`);
  }
  return out;
}

export type ReadResult =
  | { ok: true; text: string }
  | { ok: false; tooLarge: true; bytes: number }
  | { ok: false; tooLarge: false; message: string };

/**
 * Reads one file as UTF-8 if it is a regular file of at most `maxBytes`. The type and size are taken
 * from the opened file itself, and a FIFO is opened without blocking, so nothing makes this wait or
 * read without end.
 */
export function readYamlFile(path: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return { ok: false, tooLarge: false, message: `cannot read it: ${describeError(err)}` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      return { ok: false, tooLarge: false, message: `not read: it is ${kindOf(st)}, not a regular file` };
    }
    if (st.size > maxBytes) return { ok: false, tooLarge: true, bytes: st.size };
    // At most one byte more than allowed: a file that grows after the check is still bounded.
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    while (n < buf.length) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    if (n > maxBytes) return { ok: false, tooLarge: true, bytes: n };
    return { ok: true, text: buf.subarray(0, n).toString('utf8') };
  } catch (err) {
    return { ok: false, tooLarge: false, message: `cannot read it: ${describeError(err)}` };
  } finally {
    closeSync(fd);
  }
}

/** "5 MB", "0.5 MB", "12 MB". */
export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? mb.toFixed(0) : String(Number(mb.toFixed(1)))} MB`;
}
