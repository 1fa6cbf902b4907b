import type { MutatingWebhookSummary, WebhookSummary } from '../../cluster/types';
import type { Resource } from '../../workspace/summary';
import { WORKLOAD_KINDS } from '../../workspace/summary';
import type { WorkspaceRule } from '../workspace/rule';
import {
  ambientNamespace,
  connectedCluster,
  namespacePath,
  selectorMatches,
  synced,
  workspaceWorkloads,
} from './cluster';

/** A webhook that injects only pods labelled `sidecar.istio.io/inject=true` (the opt-in webhook). */
function optInOnly(w: WebhookSummary): boolean {
  const os = w.objectSelector;
  if (os?.matchLabels?.['sidecar.istio.io/inject'] === 'true') return true;
  return !!os?.matchExpressions?.some(
    (e) => e.key === 'sidecar.istio.io/inject' && e.operator === 'In' && e.values?.includes('true'),
  );
}

/**
 * IST0102: workloads are written for a namespace that has neither `istio-injection` nor
 * `istio.io/rev`, so their pods get no sidecar. Needs the cluster: only its injection webhooks and
 * injector settings say whether such a namespace is injected anyway.
 */
export const namespaceNotInjected: WorkspaceRule = {
  id: 'namespace-not-injected',
  code: 'IST0102',
  severity: 'information',
  reads: ['Namespace', ...WORKLOAD_KINDS],
  title: 'A namespace is not enabled for sidecar injection',
  explanation:
    'Pods get the Istio sidecar only in namespaces labelled `istio-injection=enabled` or `istio.io/rev=<revision>` (unless the injector injects every namespace by default). Workloads in a namespace without either label run outside the mesh. Label the namespace, or use ambient mode on purpose.',
  check(ctx) {
    const c = connectedCluster(ctx);
    if (!c || !synced(c, 'Namespace', 'MutatingWebhookConfiguration', 'ConfigMap')) return;
    if (c.view.list('ConfigMap').some((cm) => cm.injector?.enableNamespacesByDefault)) return;
    const webhooks = c.view
      .list('MutatingWebhookConfiguration')
      .flatMap((m: MutatingWebhookSummary) => m.webhooks)
      .filter((w) => w.name.includes('sidecar-injector') && !optInOnly(w));
    const verdict = new Map<string, Resource | undefined>();
    const notInjected = (ns: string): Resource | undefined => {
      if (verdict.has(ns)) return verdict.get(ns);
      const found = ctx.resolver.namespace(ns);
      let out: Resource | undefined;
      if (found.status === 'found' && ns !== 'istio-system' && ns !== 'kube-system' && ns !== 'kube-public') {
        const n = found.targets[0];
        const l = n.labels;
        const labelled = l['istio-injection'] !== undefined || l['istio.io/rev'] !== undefined;
        const byWebhook = webhooks.some(
          (w) => w.namespaceSelector && selectorMatches(w.namespaceSelector, l),
        );
        // Pods that opt in one by one (gateways do) are injected without a namespace label.
        const pods = c.view.list('Pod', ns);
        const optedIn = pods.length > 0 && pods.every((p) => p.hasProxy);
        if (
          !labelled &&
          !ambientNamespace(l) &&
          l['istio.io/dataplane-mode'] === undefined &&
          !byWebhook &&
          !optedIn
        )
          out = n;
      }
      verdict.set(ns, out);
      return out;
    };
    const note = (subject: Resource, path: (string | number)[], n: Resource): void => {
      const where = n.origin ? ` (cluster ${n.origin.cluster})` : '';
      ctx.report(
        subject,
        path,
        `namespace ${n.name} is not enabled for sidecar injection: label it istio-injection=enabled or istio.io/rev=<revision>`,
        {
          related: [
            {
              resource: n.placed ? n : subject,
              path: n.placed ? ['metadata', 'name'] : path,
              message: `Namespace ${n.name} has no istio-injection or istio.io/rev label${where}`,
            },
          ],
        },
      );
    };
    for (const n of ctx.subjects('Namespace'))
      if (notInjected(n.name) === n) note(n, ['metadata', 'name'], n);
    for (const w of workspaceWorkloads(ctx)) {
      const n = notInjected(w.namespace);
      if (n && !n.placed) note(w, namespacePath(w), n);
    }
  },
};
