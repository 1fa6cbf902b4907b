import type { FileSnapshot, PlacedDocument } from '../documentStore';
import { isKustomizationUri, kustomizedNamespace, readKustomization, type Kustomization } from './kustomize';
import { GATEWAY_API_GROUP, summarize, type Resource, type Summary } from './summary';

/** The key the index files a kind under: Gateway API kinds carry their group, others do not. */
export function kindKey(group: string, kind: string): string {
  return group === GATEWAY_API_GROUP ? `${GATEWAY_API_GROUP}/${kind}` : kind;
}

export const K8S_GATEWAY = kindKey(GATEWAY_API_GROUP, 'Gateway');
export const K8S_HTTPROUTE = kindKey(GATEWAY_API_GROUP, 'HTTPRoute');

interface IndexedFile {
  snapshot: FileSnapshot;
  summaries: Summary[];
  kustomization?: Kustomization;
}

/**
 * Every indexed resource of the workspace, as summaries. One object, owned by the engine; it reuses
 * the parsed documents of the file snapshots it is given (nothing is parsed twice).
 *
 * Every change bumps `revision`, and a stamp per kind, so that a check that reads only some kinds
 * can tell whether anything it read has changed.
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  private readonly kindStamps = new Map<string, number>();
  /** Stamps by `kind|namespace`, for checks that read one namespace of a kind (depStamp). */
  private readonly namespaceStamps = new Map<string, number>();
  private readonly byKind = new Map<string, { stamp: number; list: Resource[] }>();
  private counter = 0;
  /** Stamp of the last change to namespace placement (kustomizations, the default namespace). */
  private namespaceStamp = 0;
  private kustomizations: Kustomization[] = [];

  /** The workspace folders (URIs ending in `/`), for showing a file relative to its folder. */
  roots: readonly string[] = [];

  constructor(private defaultNs = 'default') {}

  get revision(): number {
    return this.counter;
  }

  get defaultNamespace(): string {
    return this.defaultNs;
  }

  setDefaultNamespace(ns: string): void {
    if (ns === this.defaultNs) return;
    this.defaultNs = ns;
    this.namespaceStamp = ++this.counter;
  }

  /** Adds or replaces a file. Returns false when the snapshot is the one already indexed. */
  update(snapshot: FileSnapshot): boolean {
    const previous = this.files.get(snapshot.uri);
    if (previous?.snapshot === snapshot) return false;
    // A document whose parse and place in the file did not change keeps its summary (the same object),
    // so the kinds of an edited file that did not change keep their stamps and their checks' findings.
    const before = new Map<number, Summary>();
    for (const s of previous?.summaries ?? []) before.set(s.doc, s);
    const summaries: Summary[] = [];
    snapshot.documents.forEach((placed, doc) => {
      const kept = before.get(doc);
      if (kept && samePlace(kept.placed, placed)) {
        kept.placed = placed; // equal in every field; the new one does not pin the previous version's text
        summaries.push(kept);
        return;
      }
      const s = summarize(snapshot.uri, doc, placed);
      if (s) summaries.push(s);
    });
    let kustomization: Kustomization | undefined;
    if (isKustomizationUri(snapshot.uri)) {
      kustomization = readKustomization(snapshot.uri, snapshot.documents[0]?.state.parsed.value);
    }
    this.files.set(snapshot.uri, { snapshot, summaries, kustomization });
    this.touch(previous, summaries);
    if (previous?.kustomization || kustomization) this.kustomizationsChanged();
    return true;
  }

  remove(uri: string): void {
    const previous = this.files.get(uri);
    if (!previous) return;
    this.files.delete(uri);
    this.touch(previous, []);
    if (previous.kustomization) this.kustomizationsChanged();
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  snapshot(uri: string): FileSnapshot | undefined {
    return this.files.get(uri)?.snapshot;
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  /** The stamp of a kind: it changes whenever a resource of that kind, or namespace placement, changes. */
  stamp(kind: string): number {
    return Math.max(this.kindStamps.get(kind) ?? 0, this.namespaceStamp);
  }

  /**
   * The stamp of a read the resolver recorded (Resolver.tracking): `kind|namespace` changes whenever a
   * resource of that kind in that namespace (or namespace placement) changes, `kind|*` as stamp(kind).
   */
  depStamp(dep: string): number {
    const bar = dep.indexOf('|');
    const kind = dep.slice(0, bar);
    if (bar === dep.length - 2 && dep.endsWith('|*')) return this.stamp(kind);
    return Math.max(this.namespaceStamps.get(dep) ?? 0, this.namespaceStamp);
  }

  /** The effective namespace of a summary: its own, else its file's (a kustomization's, or the default). */
  private namespaceOf(s: Summary, fileNamespace = (): string => this.fileNamespace(s.uri)): string {
    return s.kind === 'Namespace' ? '' : (s.declaredNamespace ?? fileNamespace());
  }

  private fileNamespace(uri: string): string {
    return kustomizedNamespace(uri, this.kustomizations) ?? this.defaultNs;
  }

  /** The resources of one kind (see kindKey), with their effective namespace. */
  resources(kind: string): readonly Resource[] {
    const stamp = this.stamp(kind);
    const cached = this.byKind.get(kind);
    if (cached && cached.stamp === stamp) return cached.list;
    const out: Resource[] = [];
    for (const file of this.files.values()) {
      let fileNs: string | undefined;
      const fileNamespace = (): string => (fileNs ??= this.fileNamespace(file.snapshot.uri));
      for (const s of file.summaries) {
        if (kindKey(s.group, s.kind) !== kind) continue;
        out.push({ ...s, namespace: this.namespaceOf(s, fileNamespace) });
      }
    }
    this.byKind.set(kind, { stamp, list: out });
    return out;
  }

  /** Bumps the revision, and the stamps of the kinds whose summaries were added, removed or replaced. */
  private touch(previous: IndexedFile | undefined, summaries: Summary[]): void {
    const stamp = ++this.counter;
    const old = new Set(previous?.summaries ?? []);
    const now = new Set(summaries);
    const changed = (s: Summary): void => {
      const kind = kindKey(s.group, s.kind);
      this.kindStamps.set(kind, stamp);
      this.namespaceStamps.set(`${kind}|${this.namespaceOf(s)}`, stamp);
    };
    for (const s of old) if (!now.has(s)) changed(s);
    for (const s of now) if (!old.has(s)) changed(s);
  }

  private kustomizationsChanged(): void {
    this.kustomizations = [...this.files.values()].flatMap((f) => (f.kustomization ? [f.kustomization] : []));
    this.namespaceStamp = ++this.counter;
  }
}

/** The same parsed document at the same place in its file: its summary and every range in it still hold. */
function samePlace(a: PlacedDocument | undefined, b: PlacedDocument): boolean {
  return (
    a !== undefined &&
    a.state === b.state &&
    a.chunk.line === b.chunk.line &&
    a.chunk.offset === b.chunk.offset
  );
}
