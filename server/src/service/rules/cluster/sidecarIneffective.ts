import { WORKLOAD_KINDS } from '../../workspace/summary';
import { selectorLabels } from '../workspace/refs';
import type { WorkspaceRule } from '../workspace/rule';
import { ambientNamespace } from './cluster';

/**
 * IST0167: a Sidecar has no effect in ambient mode: its selector picks ambient pods (annotated
 * `ambient.istio.io/redirection: enabled`), or, without a selector, its namespace is ambient.
 */
export const sidecarIneffective: WorkspaceRule = {
  id: 'sidecar-ineffective-ambient',
  code: 'IST0167',
  severity: 'warning',
  reads: ['Sidecar', 'Namespace', ...WORKLOAD_KINDS],
  title: 'A Sidecar applies to ambient workloads, where it does nothing',
  explanation:
    'Ambient workloads have no sidecar proxy, so the Sidecar resource does not configure anything for them. Use waypoint proxies and their policies instead, or move the workload back to sidecar mode.',
  check(ctx) {
    const r = ctx.resolver;
    for (const sc of ctx.subjects('Sidecar')) {
      const labels = selectorLabels(sc.spec, 'workloadSelector', 'labels');
      if (!labels) {
        const ns = r.namespace(sc.namespace);
        if (ns.status !== 'found' || !ambientNamespace(ns.targets[0].labels)) continue;
        const n = ns.targets[0];
        ctx.report(
          sc,
          ['metadata', 'name'],
          `namespace ${sc.namespace} is in ambient mode; this Sidecar has no effect there`,
          {
            related: [
              {
                resource: n.placed ? n : sc,
                path: n.placed ? ['metadata', 'labels'] : ['metadata', 'name'],
                message: `Namespace ${n.name} has istio.io/dataplane-mode=ambient${n.origin ? ` (cluster ${n.origin.cluster})` : ''}`,
              },
            ],
          },
        );
        continue;
      }
      const found = r.workloads(sc.namespace, labels);
      if (found.status !== 'found') continue;
      const ambient = found.targets.find(
        (w) => w.workload?.annotations['ambient.istio.io/redirection'] === 'enabled',
      );
      if (!ambient) continue;
      ctx.report(
        sc,
        ['spec', 'workloadSelector', 'labels'],
        `the selector picks ${ambient.origin ? 'pod' : ambient.kind} ${ambient.namespace}/${ambient.name}, which runs in ambient mode; this Sidecar has no effect on it`,
        {
          related: [
            {
              resource: ambient.placed ? ambient : sc,
              path: ambient.placed ? ['metadata', 'name'] : ['spec', 'workloadSelector', 'labels'],
              message: `${ambient.origin ? 'pod' : ambient.kind} ${ambient.namespace}/${ambient.name} is annotated ambient.istio.io/redirection=enabled${ambient.origin ? ` (cluster ${ambient.origin.cluster})` : ''}`,
            },
          ],
        },
      );
    }
  },
};
