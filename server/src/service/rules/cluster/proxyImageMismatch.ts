import { WORKLOAD_KINDS } from '../../workspace/summary';
import type { WorkspaceRule } from '../workspace/rule';
import { connectedCluster, podList, podsOfWorkload, synced, workspaceWorkloads } from './cluster';

/**
 * IST0158: pods of a workspace workload, in an injected namespace, run an `istio-proxy` image other
 * than the one the namespace's injector (`istio-sidecar-injector[-<rev>]`) puts in new pods: they
 * were injected before an upgrade. A variant suffix (`-distroless`) and a per-pod
 * `sidecar.istio.io/proxyImage` are accepted.
 */
export const proxyImageMismatch: WorkspaceRule = {
  id: 'proxy-image-mismatch',
  code: 'IST0158',
  severity: 'warning',
  reads: ['Namespace', ...WORKLOAD_KINDS],
  title: 'Pods run an older istio-proxy image than the injector uses',
  explanation:
    'The sidecar image is fixed when a pod is created. After Istio is upgraded, pods created earlier keep the old proxy until they are restarted, so the data plane and the control plane drift apart. Restart the workload to pick up the current image.',
  check(ctx) {
    const c = connectedCluster(ctx);
    if (!c || !synced(c, 'Pod', 'Namespace', 'ConfigMap')) return;
    const images = new Map<string, string>();
    for (const cm of c.view.list('ConfigMap'))
      if (cm.injector?.proxyImage && !images.has(cm.name)) images.set(cm.name, cm.injector.proxyImage);
    if (!images.size) return;
    for (const w of workspaceWorkloads(ctx)) {
      const ns = ctx.resolver.namespace(w.namespace);
      if (ns.status !== 'found') continue;
      const l = ns.targets[0].labels;
      const rev = l['istio.io/rev'] ?? (l['istio-injection'] === 'enabled' ? 'default' : undefined);
      if (!rev) continue;
      const cmName = rev === 'default' ? 'istio-sidecar-injector' : `istio-sidecar-injector-${rev}`;
      const want = images.get(cmName);
      if (!want) continue;
      const old = podsOfWorkload(c, w).filter(
        (p) =>
          p.proxyImage !== undefined &&
          !p.customProxyImage &&
          p.proxyImage !== want &&
          !p.proxyImage.startsWith(`${want}-`),
      );
      if (!old.length) continue;
      ctx.report(
        w,
        ['metadata', 'name'],
        `pods of ${w.kind} ${w.namespace}/${w.name} run istio-proxy ${old[0].proxyImage ?? ''}, not ${want} that the injector now uses; restart the workload`,
        {
          related: [
            {
              resource: w,
              path: ['metadata', 'name'],
              message: `pod ${podList(old)} run ${old[0].proxyImage ?? ''}; ConfigMap istio-sidecar-injector (revision ${rev}) injects ${want} (cluster ${c.view.context ?? ''})`,
            },
          ],
        },
      );
    }
  },
};
