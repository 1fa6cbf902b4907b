import type { ClusterSettings } from '../../../shared/src/protocol';
import { MeshView } from '../service/cluster/mesh/meshView';
import type { ClusterConnection, ConnectionInputs } from './connection';

/** `istio.cluster.contexts`: the context names, trimmed, without blanks or repeats, at most 16. */
export function normalizeContexts(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const names = raw.filter((x): x is string => typeof x === 'string').map((x) => x.trim());
  return [...new Set(names.filter(Boolean))].slice(0, MAX_CLUSTERS);
}

/** More contexts than this are ignored: each one is a set of watches. */
export const MAX_CLUSTERS = 16;

/**
 * The connections of a multi-cluster mesh: besides the primary connection (the selected context),
 * one `ClusterConnection` per other context of `istio.cluster.contexts`, each with its own store.
 * With fewer than two contexts nothing extra connects. Untrusted: nothing connects (each
 * connection checks trust itself, and this starts none).
 */
export class MeshConnections {
  readonly view = new MeshView();
  private readonly extra = new Map<string, ClusterConnection>();
  private contexts: string[] = [];

  constructor(
    private readonly primary: ClusterConnection,
    private readonly create: (context: string) => ClusterConnection,
  ) {}

  /** Applies the setting and the primary's inputs; starts and stops connections as needed. */
  async update(
    contexts: string[],
    inputs: { settings: ClusterSettings; trusted: boolean; disconnected: boolean; kubeconfig?: string },
  ): Promise<void> {
    const active = inputs.trusted && !inputs.disconnected && contexts.length >= 2;
    this.contexts = active ? contexts : [];
    const primaryContext = this.primaryContext();
    const wanted = new Set(this.contexts.filter((c) => c !== primaryContext));
    const stopping: Promise<void>[] = [];
    for (const [c, conn] of this.extra) {
      if (!wanted.has(c)) {
        this.extra.delete(c);
        stopping.push(conn.stop());
      }
    }
    for (const c of wanted) {
      let conn = this.extra.get(c);
      if (!conn) this.extra.set(c, (conn = this.create(c)));
      const next: Partial<ConnectionInputs> = { ...inputs, context: c };
      conn.update(next);
    }
    this.rebuild();
    await Promise.all(stopping);
  }

  /** The connection of a context other than the primary's. */
  connection(context: string): ClusterConnection | undefined {
    return this.extra.get(context);
  }

  /** The mesh's clusters: the primary (when it is one of the contexts) and the others. */
  rebuild(): void {
    this.view.clear();
    if (!this.contexts.length) return;
    const primaryContext = this.primaryContext();
    for (const c of this.contexts) {
      if (c === primaryContext) this.view.set(c, this.primary.store);
      else {
        const conn = this.extra.get(c);
        if (conn) this.view.set(c, conn.store);
      }
    }
  }

  /** The context the primary connection uses: the chosen one, else the kubeconfig's current-context. */
  private primaryContext(): string | undefined {
    if (this.primary.store.context) return this.primary.store.context;
    const k = this.primary.contexts();
    return k.selected ?? k.current;
  }

  async stop(): Promise<void> {
    const all = [...this.extra.values()];
    this.extra.clear();
    this.view.clear();
    await Promise.all(all.map((c) => c.stop()));
  }
}
