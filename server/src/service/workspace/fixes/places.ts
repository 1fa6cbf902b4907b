/**
 * Shared pieces of rename and the workspace quick fixes: what sits under the cursor, where a scalar's
 * text is in its file, and which DestinationRule a route's subset binds to (the same choice the
 * subset check makes, so that an edit built here is judged by the same rule afterwards).
 */
import { isScalar } from 'yaml';
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { FileSnapshot } from '../../documentStore';
import { locate, type PathSegment } from '../../yaml/nodes';
import type { DestinationRef } from '../../rules/workspace/refs';
import { visibleTo } from '../resolve';
import { strings, type ChosenDestinationRule, type Resolver } from '../resolver';
import type { Resource } from '../summary';
import { cursorAt } from '../referenceSites';
import type { WorkspaceIndex } from '../workspaceIndex';

/** The indexed resource under a position, the path of the scalar value there, and its text. */
export interface ValueAt {
  resource: Resource;
  path: PathSegment[];
  value: string;
}

export function valueAt(index: WorkspaceIndex, file: FileSnapshot, position: Position): ValueAt | undefined {
  const at = cursorAt(index, file, position);
  const hit = at?.hit;
  // Edits are built from the index's copy of the document, so it must be this very version.
  if (!at || !hit || at.resource.placed !== file.documentAtLine(position.line)) return undefined;
  if (hit.on !== 'value' || !isScalar(hit.node) || typeof hit.node.value !== 'string') return undefined;
  return { resource: at.resource, path: hit.path, value: hit.node.value };
}

/**
 * The file range of the characters of a plain or quoted scalar (inside the quotes), or undefined when
 * the scalar is not a single-line string whose source text is its value (block scalars, escapes).
 */
export function scalarText(r: Resource, path: readonly PathSegment[]): Range | undefined {
  const placed = r.placed;
  if (!placed) return undefined;
  const parsed = placed.state.parsed;
  const node = locate(parsed.doc.contents, path)?.node;
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  let start = node.range[0];
  let end = node.range[1];
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
    start++;
    end--;
  } else if (node.type !== 'PLAIN') return undefined;
  if (parsed.text.slice(start, end) !== node.value) return undefined;
  return fileRange(r, start, end);
}

/** Chunk offsets of a resource's document as a file range. */
export function fileRange(r: Resource, start: number, end: number): Range | undefined {
  const placed = r.placed;
  if (!placed) return undefined;
  const lines = placed.state.parsed.lines;
  const line = placed.chunk.line;
  const s = lines.position(start);
  const e = lines.position(end);
  return {
    start: { line: s.line + line, character: s.character },
    end: { line: e.line + line, character: e.character },
  };
}

/** A sub-range of a single-line range, by character offsets within it. */
export function within(range: Range, from: number, to: number): Range {
  return {
    start: { line: range.start.line, character: range.start.character + from },
    end: { line: range.start.line, character: range.start.character + to },
  };
}

export const sameRange = (a: Range, b: Range): boolean =>
  a.start.line === b.start.line &&
  a.start.character === b.start.character &&
  a.end.line === b.end.line &&
  a.end.character === b.end.character;

/**
 * The namespace whose clients the subset check judges a VirtualService for: its own when it is
 * visible there, otherwise the first namespace it is exported to.
 */
export function subsetClient(r: Resolver, vs: Resource): string | undefined {
  const exportTo = strings(vs.spec?.exportTo);
  if (visibleTo(exportTo, vs.namespace, vs.namespace, r.mesh.defaultVirtualServiceExportTo))
    return vs.namespace;
  return exportTo?.find((e) => e !== '.' && e !== '~' && e !== '*');
}

/** The DestinationRule(s) Istio applies to a route destination of a VirtualService. */
export function boundRules(r: Resolver, vs: Resource, d: DestinationRef): ChosenDestinationRule | undefined {
  const client = subsetClient(r, vs);
  if (!client) return undefined;
  const host = r.fqdn(d.host, vs.namespace);
  const se = r.resources('ServiceEntry').find((s) => strings(s.spec?.hosts)?.includes(host));
  return r.destinationRule(host, client, se?.namespace);
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment: `reviwes` is one edit from
 * `reviews`), or `limit + 1` as soon as it is known to exceed `limit` (bounded work).
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, before[j - 2] + 1);
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length];
}

export interface EditOptions {
  /** The version of an open document; null for a file that is not open. */
  versionOf(uri: string): number | null;
  /** The client accepts `documentChanges` (versioned edits). */
  documentChanges: boolean;
  /** The client accepts CreateFile operations in `documentChanges`. */
  createFiles?: boolean;
}

/** Text edits over several files (and files to create), built into one WorkspaceEdit. */
export class EditSet {
  private readonly byUri = new Map<string, Map<string, TextEdit>>();
  private readonly created: string[] = [];

  add(uri: string, range: Range | undefined, newText: string): void {
    if (!range) return;
    let m = this.byUri.get(uri);
    if (!m) this.byUri.set(uri, (m = new Map<string, TextEdit>()));
    const key = `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
    m.set(key, { range, newText });
  }

  /** A new file (the client must accept CreateFile); it fails rather than overwrite an existing file. */
  create(uri: string): void {
    this.created.push(uri);
  }

  get empty(): boolean {
    return this.byUri.size === 0 && this.created.length === 0;
  }

  edit(options: EditOptions): WorkspaceEdit {
    const files = [...this.byUri].map(([uri, m]) => ({ uri, edits: [...m.values()] }));
    if (!options.documentChanges && !this.created.length)
      return { changes: Object.fromEntries(files.map((f) => [f.uri, f.edits])) };
    return {
      documentChanges: [
        ...this.created.map((uri) => ({ kind: 'create' as const, uri, options: { overwrite: false } })),
        ...files.map((f) => ({
          textDocument: {
            uri: f.uri,
            version: this.created.includes(f.uri) ? null : options.versionOf(f.uri),
          },
          edits: f.edits,
        })),
      ],
    };
  }
}
