import { serviceOfHost } from '../../workspace/resolve';
import { WORKLOAD_KINDS } from '../../workspace/summary';
import { entries, obj, str } from '../shared/values';
import { itemsOf } from '../shared/virtualServiceParts';
import { describeLabels } from './refs';
import type { WorkspaceRule } from './rule';
import { clusterBasis } from './basis';

/**
 * IST0173: a DestinationRule subset whose labels (with the Service selector) match no workload.
 * Checked only for a Service in the workspace; workloads elsewhere make it unknown.
 */
export const subsetSelectsNoPods: WorkspaceRule = {
  id: 'dr-subset-selects-no-pods',
  code: 'IST0173',
  severity: 'error',
  reads: ['DestinationRule', 'Service', ...WORKLOAD_KINDS],
  title: 'A DestinationRule subset selects no workload',
  explanation:
    'A subset is the workloads of the host that carry its labels. When none does, traffic routed to the subset fails. Fix the labels, or deploy the version.',
  check(ctx) {
    const r = ctx.resolver;
    for (const dr of ctx.each('DestinationRule')) {
      const h = str(dr.spec?.host);
      if (!h) continue;
      const svcRef = serviceOfHost(r.fqdn(h, dr.namespace), r.domain);
      if (!svcRef) continue;
      const svc = r.serviceNamed(svcRef.namespace, svcRef.name);
      if (!svc?.service?.selector || !Object.keys(svc.service.selector).length) continue;
      for (const s of itemsOf(dr.spec, 'subsets', ['spec'])) {
        const labels: Record<string, string> = { ...svc.service.selector };
        for (const [k, v] of entries(obj(s.value.labels))) if (typeof v === 'string') labels[k] = v;
        const lookup = r.workloads(svc.namespace, labels);
        if (lookup.status === 'found') continue;
        const path = [...s.path, obj(s.value.labels) ? 'labels' : 'name'];
        if (lookup.status === 'missing')
          ctx.report(
            dr,
            path,
            `subset "${str(s.value.name) ?? ''}" selects no workload (${describeLabels(labels)})`,
            {
              related: clusterBasis(
                ctx,
                dr,
                path,
                WORKLOAD_KINDS,
                `0 pods in namespace ${svc.namespace} match ${describeLabels(labels)}`,
              ),
            },
          );
        else
          ctx.unresolved(
            dr,
            path,
            `A workload with labels ${describeLabels(labels)} in namespace ${svc.namespace}`,
          );
      }
    }
  },
};
