import type { ClusterView } from '../types';

/**
 * The clusters of one multi-cluster mesh (`istio.cluster.contexts`), each seen through its own
 * `ClusterView`. Mesh-wide checks read every cluster from here; a cluster whose kind is not synced
 * is left out of the checks of that kind, since what it lacks proves nothing.
 */
export class MeshView {
  private readonly views = new Map<string, ClusterView>();

  /** Adds or replaces a cluster, keyed by its context name. */
  set(context: string, view: ClusterView): void {
    this.views.set(context, view);
  }

  delete(context: string): void {
    this.views.delete(context);
  }

  clear(): void {
    this.views.clear();
  }

  get size(): number {
    return this.views.size;
  }

  /** The clusters, in the order they were added. */
  clusters(): [context: string, view: ClusterView][] {
    return [...this.views];
  }

  /** Grows when any cluster changes, for caching mesh-wide results. */
  get revision(): string {
    return [...this.views].map(([c, v]) => `${c}:${v.revision}`).join(',');
  }
}
