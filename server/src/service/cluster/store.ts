import type {
  AnySummary,
  ClusterChange,
  ClusterKind,
  ClusterView,
  DeploymentSummary,
  Disposable,
  IstioInstall,
  KindState,
  SummaryOf,
} from './types';

type ByName = Map<string, AnySummary>;

/**
 * The cluster's summaries, kept per kind and namespace. It is the only `ClusterView` implementation:
 * the watch code writes into it, tests write into it directly. Changes made in one turn of the event
 * loop reach listeners as one `ClusterChange`, so a burst of watch events costs one refresh.
 */
export class ClusterStore implements ClusterView {
  private readonly objects = new Map<ClusterKind, Map<string, ByName>>();
  private readonly states = new Map<ClusterKind, KindState>();
  private readonly listeners = new Set<(change: ClusterChange) => void>();
  private pending: Set<ClusterKind> | undefined;
  private rev = 0;

  constructor(public context: string | undefined = undefined) {}

  get revision(): number {
    return this.rev;
  }

  state(kind: ClusterKind): KindState {
    return this.states.get(kind) ?? 'unknown';
  }

  /** Every kind that has a state, with that state. */
  kindStates(): [ClusterKind, KindState][] {
    return [...this.states];
  }

  list<K extends ClusterKind>(kind: K, namespace?: string): readonly SummaryOf<K>[] {
    const byNs = this.objects.get(kind);
    if (!byNs) return [];
    if (namespace !== undefined) return [...(byNs.get(namespace)?.values() ?? [])] as SummaryOf<K>[];
    const out: AnySummary[] = [];
    for (const m of byNs.values()) for (const s of m.values()) out.push(s);
    return out as SummaryOf<K>[];
  }

  get<K extends ClusterKind>(kind: K, namespace: string, name: string): SummaryOf<K> | undefined {
    return this.objects.get(kind)?.get(namespace)?.get(name) as SummaryOf<K> | undefined;
  }

  count(kind: ClusterKind): number {
    let n = 0;
    for (const m of this.objects.get(kind)?.values() ?? []) n += m.size;
    return n;
  }

  istio(): IstioInstall[] {
    const deployments: readonly DeploymentSummary[] = this.list('Deployment');
    return deployments
      .map((d) => ({ version: d.version, revision: d.revision, namespace: d.namespace }))
      .sort((a, b) => rank(a.revision) - rank(b.revision) || a.revision.localeCompare(b.revision));
  }

  onDidChange(listener: (change: ClusterChange) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  setState(kind: ClusterKind, state: KindState): void {
    if (this.states.get(kind) === state) return;
    this.states.set(kind, state);
    this.changed(kind);
  }

  /**
   * Replaces what is known about a kind with the result of a fresh list. With `owns`, only the objects
   * it accepts are replaced (a kind read by several lists, such as the two Istio ConfigMaps).
   */
  replace(kind: ClusterKind, items: Iterable<AnySummary>, owns?: (name: string) => boolean): void {
    const byNs = new Map<string, ByName>();
    const kept = owns ? this.list(kind).filter((s) => !owns(s.name)) : [];
    for (const s of [...kept, ...items]) {
      let m = byNs.get(s.namespace);
      if (!m) byNs.set(s.namespace, (m = new Map<string, AnySummary>()));
      m.set(s.name, s);
    }
    this.objects.set(kind, byNs);
    this.changed(kind);
  }

  upsert(s: AnySummary): void {
    let byNs = this.objects.get(s.kind);
    if (!byNs) this.objects.set(s.kind, (byNs = new Map<string, ByName>()));
    let m = byNs.get(s.namespace);
    if (!m) byNs.set(s.namespace, (m = new Map<string, AnySummary>()));
    m.set(s.name, s);
    this.changed(s.kind);
  }

  remove(kind: ClusterKind, namespace: string, name: string): void {
    const m = this.objects.get(kind)?.get(namespace);
    if (!m?.delete(name)) return;
    if (!m.size) this.objects.get(kind)?.delete(namespace);
    this.changed(kind);
  }

  /** Forgets a kind entirely (its CRD was removed, or the connection ended). */
  drop(kind: ClusterKind): void {
    const had = this.objects.delete(kind) || this.states.delete(kind);
    this.states.delete(kind);
    if (had) this.changed(kind);
  }

  /** Marks every synced kind stale: the connection is down, so absence no longer proves anything. */
  markStale(): void {
    for (const [k, s] of this.states) if (s === 'synced' || s === 'syncing') this.setState(k, 'stale');
  }

  /** Forgets everything (disconnect, or another context). */
  clear(context?: string): void {
    const kinds = new Set<ClusterKind>([...this.objects.keys(), ...this.states.keys()]);
    this.objects.clear();
    this.states.clear();
    this.context = context;
    for (const k of kinds) this.changed(k);
  }

  private changed(kind: ClusterKind): void {
    this.rev++;
    if (this.pending) {
      this.pending.add(kind);
      return;
    }
    this.pending = new Set([kind]);
    queueMicrotask(() => {
      const kinds = [...(this.pending ?? [])];
      this.pending = undefined;
      const change = { kinds, revision: this.rev };
      for (const l of [...this.listeners]) {
        try {
          l(change);
        } catch {
          // A listener's failure must not stop the others.
        }
      }
    });
  }
}

const rank = (revision: string): number => (revision === 'default' ? 0 : 1);
