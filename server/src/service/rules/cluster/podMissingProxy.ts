import { WORKLOAD_KINDS } from '../../workspace/summary';
import type { WorkspaceRule } from '../workspace/rule';
import { connectedCluster, podList, podsOfWorkload, synced, workspaceWorkloads } from './cluster';

/**
 * IST0103: a workload of the workspace runs in the cluster, in a namespace labelled
 * `istio-injection=enabled`, as pods without the `istio-proxy` container (they started before
 * injection was turned on, or the webhook failed). Pods that opt out, and hostNetwork pods, are skipped.
 */
export const podMissingProxy: WorkspaceRule = {
  id: 'pod-missing-proxy',
  code: 'IST0103',
  severity: 'warning',
  reads: ['Namespace', ...WORKLOAD_KINDS],
  title: 'Pods of a workload run without the sidecar in an injected namespace',
  explanation:
    'In a namespace labelled `istio-injection=enabled`, new pods get the `istio-proxy` sidecar. Pods that started before the label was set, or while the injector was down, keep running without it and are outside the mesh. Restart the workload (for example `kubectl rollout restart`).',
  check(ctx) {
    const c = connectedCluster(ctx);
    if (!c || !synced(c, 'Pod', 'Namespace')) return;
    for (const w of workspaceWorkloads(ctx)) {
      const ns = ctx.resolver.namespace(w.namespace);
      if (ns.status !== 'found' || ns.targets[0].labels['istio-injection'] !== 'enabled') continue;
      const t = w.workload;
      const optOut = t?.labels['sidecar.istio.io/inject'] ?? t?.annotations['sidecar.istio.io/inject'];
      if (optOut?.toLowerCase() === 'false') continue;
      const bare = podsOfWorkload(c, w).filter(
        (p) => !p.hasProxy && !p.hostNetwork && p.inject?.toLowerCase() !== 'false',
      );
      if (!bare.length) continue;
      ctx.report(
        w,
        ['metadata', 'name'],
        `${bare.length === 1 ? '1 pod' : `${bare.length} pods`} of ${w.kind} ${w.namespace}/${w.name} run without the istio-proxy sidecar although namespace ${w.namespace} has istio-injection=enabled; restart the workload to inject it`,
        {
          related: [
            {
              resource: w,
              path: ['metadata', 'name'],
              message: `no istio-proxy container in pod ${podList(bare)} (cluster ${c.view.context ?? ''})`,
            },
          ],
        },
      );
    }
  },
};
