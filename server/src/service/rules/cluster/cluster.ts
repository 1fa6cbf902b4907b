/**
 * What the cluster-aware rules share: the connected cluster (if any), its pods, and label tests.
 * The rules report on workspace resources only; what they read from the cluster goes into the
 * related information ("… (cluster prod-eu)").
 */
import { ClusterSource, clusterSummary } from '../../cluster/source';
import type { ClusterKind, LabelSelectorSummary, PodSummary } from '../../cluster/types';
import type { Resource } from '../../workspace/summary';
import { WORKLOAD_KINDS } from '../../workspace/summary';
import type { WorkspaceRuleContext } from '../workspace/rule';

/** The connected cluster source, when one is in use. */
export function connectedCluster(ctx: WorkspaceRuleContext): ClusterSource | undefined {
  return ctx.resolver.sources.find((s): s is ClusterSource => s instanceof ClusterSource && !!s.label);
}

/** True when every kind is synced in the cluster (absence then means absence). */
export function synced(c: ClusterSource, ...kinds: ClusterKind[]): boolean {
  return kinds.every((k) => c.view.state(k) === 'synced');
}

/** The cluster pod a resource was made from; undefined for workspace files. */
export function podOf(r: Resource): PodSummary | undefined {
  const s = clusterSummary(r);
  return s?.kind === 'Pod' ? (s as PodSummary) : undefined;
}

/** The workspace workloads (pod templates) of a kind list, with their template labels. */
export function workspaceWorkloads(ctx: WorkspaceRuleContext): Resource[] {
  return WORKLOAD_KINDS.flatMap((k) => [...ctx.subjects(k)]).filter((w) => w.workload);
}

/**
 * The cluster pods a workspace workload runs as: same namespace, carrying all of its template's
 * labels (an empty template matches nothing, so no workload claims every pod).
 */
export function podsOfWorkload(c: ClusterSource, w: Resource): PodSummary[] {
  const labels = w.workload?.labels ?? {};
  const keys = Object.keys(labels);
  if (!keys.length) return [];
  return c.view.list('Pod', w.namespace).filter((p) => keys.every((k) => p.labels[k] === labels[k]));
}

/** A Kubernetes label selector (matchLabels and matchExpressions) against a label set. */
export function selectorMatches(
  sel: LabelSelectorSummary,
  labels: Readonly<Record<string, string>>,
): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const v = labels[e.key];
    switch (e.operator) {
      case 'In':
        if (!has || !(e.values ?? []).includes(v)) return false;
        break;
      case 'NotIn':
        if (has && (e.values ?? []).includes(v)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** A namespace in ambient mode: `istio.io/dataplane-mode=ambient` without a sidecar injection label. */
export function ambientNamespace(labels: Readonly<Record<string, string>>): boolean {
  if (labels['istio-injection'] === 'enabled') return false;
  if (labels['istio.io/rev']) return false;
  return labels['istio.io/dataplane-mode'] === 'ambient';
}

/** `Pod ns/name`, `Pods ns/a, ns/b and 3 more`: bounded lists in messages. */
export function podList(pods: readonly PodSummary[], max = 3): string {
  const names = pods.slice(0, max).map((p) => p.name);
  const more = pods.length > max ? ` and ${pods.length - max} more` : '';
  return `${names.join(', ')}${more}`;
}

/** Where a finding about a whole workload or namespace sits: metadata.namespace when written, else the name. */
export function namespacePath(r: Resource): (string | number)[] {
  return r.declaredNamespace !== undefined ? ['metadata', 'namespace'] : ['metadata', 'name'];
}
