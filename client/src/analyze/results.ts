/**
 * Turns `istioctl analyze -o json` output into per-file findings, and merges them with the language
 * server's own diagnostics. Pure; no `vscode` import.
 */
import * as path from 'node:path';
import type { ResourceLocation } from './resources';

/** One element of the `-o json` array (ISTIOCTL.md §4). */
export interface AnalyzeMessage {
  code: string;
  level: string;
  origin?: string;
  /** `file:line`, or just the file for `.json` inputs; absent for cluster resources. */
  reference?: string;
  message: string;
  documentationUrl?: string;
  cluster?: string;
}

/**
 * Parses the JSON array. The exit code says nothing with `-o json` (it is 0 even with errors), so the
 * array is the result. Throws when stdout is not such an array.
 */
export function parseAnalyzeJson(stdout: string): AnalyzeMessage[] {
  const text = stdout.trim();
  if (!text.startsWith('[')) throw new Error('istioctl analyze did not print a JSON array');
  const parsed = JSON.parse(text) as unknown;
  if (!Array.isArray(parsed)) throw new Error('istioctl analyze did not print a JSON array');
  return parsed
    .filter((m): m is Record<string, unknown> => !!m && typeof m === 'object')
    .map((m) => ({
      code: asText(m.code, ''),
      level: asText(m.level, 'Info'),
      origin: typeof m.origin === 'string' ? m.origin : undefined,
      reference: typeof m.reference === 'string' && m.reference ? m.reference : undefined,
      message: asText(m.message, ''),
      documentationUrl: typeof m.documentationUrl === 'string' ? m.documentationUrl : undefined,
      cluster: typeof m.cluster === 'string' ? m.cluster : undefined,
    }));
}

function asText(v: unknown, fallback: string): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback;
}

/** Splits `file:line` at the last colon followed only by digits (so `C:\x.yaml:3` works). */
export function parseReference(reference: string): { file: string; line?: number } {
  const m = /^(.*):(\d+)$/.exec(reference);
  if (m && m[1]) return { file: m[1], line: Number(m[2]) };
  return { file: reference };
}

/** `VirtualService default/reviews` → kind, namespace, name; `Namespace bookinfo` → kind and name. */
export function parseOrigin(origin: string): { kind: string; namespace?: string; name: string } | undefined {
  const m = /^(\S+)\s+(\S+)/.exec(origin.trim());
  if (!m) return undefined;
  const slash = m[2].indexOf('/');
  return slash >= 0
    ? { kind: m[1], namespace: m[2].slice(0, slash), name: m[2].slice(slash + 1) }
    : { kind: m[1], name: m[2] };
}

export interface LocatedMessage {
  file: string;
  /** Zero-based. */
  line: number;
  message: AnalyzeMessage;
}

/**
 * Places each message in a file and line: from `reference` when there is one (relative paths are taken
 * against `cwd`), otherwise by finding the origin resource among `resources` (messages about cluster
 * objects that match a workspace file). Messages that cannot be placed are returned in `unplaced`.
 */
export function placeMessages(
  messages: readonly AnalyzeMessage[],
  opts: { cwd?: string; resources: readonly ResourceLocation[] },
): { placed: LocatedMessage[]; unplaced: AnalyzeMessage[] } {
  const placed: LocatedMessage[] = [];
  const unplaced: AnalyzeMessage[] = [];
  for (const m of messages) {
    const origin = m.origin ? parseOrigin(m.origin) : undefined;
    if (m.reference) {
      const ref = parseReference(m.reference);
      const file = path.isAbsolute(ref.file) || !opts.cwd ? ref.file : path.resolve(opts.cwd, ref.file);
      let line = ref.line !== undefined ? Math.max(0, ref.line - 1) : undefined;
      if (line === undefined && origin) line = findResource(opts.resources, origin, file)?.line;
      placed.push({ file, line: line ?? 0, message: m });
      continue;
    }
    const hit = origin ? findResource(opts.resources, origin) : undefined;
    if (hit) placed.push({ file: hit.file, line: hit.line, message: m });
    else unplaced.push(m);
  }
  return { placed, unplaced };
}

function findResource(
  resources: readonly ResourceLocation[],
  origin: { kind: string; namespace?: string; name: string },
  file?: string,
): ResourceLocation | undefined {
  const candidates = resources.filter(
    (r) => r.kind === origin.kind && r.name === origin.name && (file === undefined || r.file === file),
  );
  return (
    candidates.find((r) => r.namespace === origin.namespace) ??
    candidates.find((r) => r.namespace === undefined || origin.namespace === undefined)
  );
}

/** The parts of a diagnostic that decide whether two of them say the same thing. */
export interface DiagnosticKey {
  code: string | undefined;
  /** Zero-based start line. */
  line: number;
  source: string | undefined;
}

/**
 * Drops analyze findings that the language server already reports (`existing` are that file's other
 * diagnostics with source "istio"):
 * - the same code on the same line;
 * - otherwise, when `docOf` gives the YAML document of a line, the same code in the same document, one
 *   for one: istioctl often places a finding at the resource's first line while the server places it
 *   on the field, so a resource's IST0128 from both counts once. A second istioctl finding of that code
 *   in that document is kept unless the server reports that code there twice too.
 */
export function withoutDuplicates<T extends { code: string; line: number }>(
  found: readonly T[],
  existing: readonly DiagnosticKey[],
  docOf?: (line: number) => number,
): T[] {
  const ours = existing.filter((d) => d.source === 'istio' && d.code);
  const taken = new Set(ours.map((d) => `${d.code}@${d.line}`));
  const rest = found.filter((f) => !taken.has(`${f.code}@${f.line}`));
  if (!docOf) return rest;
  // The server's findings not already matched on their own line, counted per code and document.
  const matchedLines = new Set(found.map((f) => `${f.code}@${f.line}`));
  const spare = new Map<string, number>();
  for (const d of ours) {
    if (matchedLines.has(`${d.code}@${d.line}`)) continue;
    const k = `${d.code}#${docOf(d.line)}`;
    spare.set(k, (spare.get(k) ?? 0) + 1);
  }
  return rest.filter((f) => {
    const k = `${f.code}#${docOf(f.line)}`;
    const n = spare.get(k) ?? 0;
    if (n === 0) return true;
    spare.set(k, n - 1);
    return false;
  });
}

/**
 * The document index of each line of a multi-document YAML text: a line that starts with `---`
 * (followed by nothing, a blank or a comment) opens the next document. Lines past the end belong to
 * the last document.
 */
export function documentOfLine(lines: readonly string[]): (line: number) => number {
  const starts: number[] = [];
  for (let i = 0; i < lines.length; i++) if (/^---(\s|$)/.test(lines[i])) starts.push(i);
  return (line) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= line) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export type Level = 'error' | 'warning' | 'info';

export function levelOf(m: AnalyzeMessage): Level {
  const l = m.level.toLowerCase();
  return l === 'error' ? 'error' : l === 'warning' ? 'warning' : 'info';
}

/** `Error [IST0101] (VirtualService default/reviews vs.yaml:11) …`, the shape of `-o log`, for the output channel. */
export function formatMessage(m: AnalyzeMessage): string {
  const where = [m.origin, m.reference].filter(Boolean).join(' ');
  return `${m.level} [${m.code}]${where ? ` (${where})` : ''} ${m.message}`;
}
