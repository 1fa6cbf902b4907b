import type { Resource } from '../../workspace/summary';
import { describe, describeLabels } from '../workspace/refs';
import type { WorkspaceRuleContext } from '../workspace/rule';

/** At most this many workloads are compared per namespace, so a huge namespace stays linear. */
const MAX_WORKLOADS = 20_000;

/**
 * IST0110 / IST0159: one workload selected by two policies of one kind that both have a selector.
 * The policies are the workspace's and the cluster's (the workspace copy wins); the workloads are
 * pod templates of the workspace and the cluster's pods. Each workspace policy is reported once.
 */
export function reportSelectorConflicts(
  ctx: WorkspaceRuleContext,
  kind: 'Sidecar' | 'Telemetry',
  labelsOf: (r: Resource) => Record<string, string> | undefined,
  path: (string | number)[],
  skip: (w: Resource) => boolean = () => false,
): void {
  const r = ctx.resolver;
  const byNs = new Map<string, { p: Resource; labels: Record<string, string> }[]>();
  for (const p of r.resources(kind)) {
    const labels = labelsOf(p);
    if (!labels) continue;
    const l = byNs.get(p.namespace) ?? [];
    l.push({ p, labels });
    byNs.set(p.namespace, l);
  }
  for (const [ns, policies] of byNs) {
    if (policies.length < 2 || !policies.some((x) => x.p.placed)) continue;
    const all = r.workloads(ns, {});
    if (all.status !== 'found') continue;
    const reported = new Set<Resource>();
    for (const w of all.targets.slice(0, MAX_WORKLOADS)) {
      if (!w.workload || skip(w)) continue;
      const labels = w.workload.labels;
      const hits = policies.filter((x) => Object.entries(x.labels).every(([k, v]) => labels[k] === v));
      if (hits.length < 2) continue;
      for (const h of hits) {
        if (!h.p.placed || reported.has(h.p)) continue;
        reported.add(h.p);
        const others = hits.filter((o) => o !== h);
        const what = w.origin ? `pod ${w.namespace}/${w.name}` : `${w.kind} ${w.namespace}/${w.name}`;
        ctx.report(
          h.p,
          path,
          `${what} is also selected by ${others.map((o) => describe(o.p)).join(', ')}; only one ${kind} with a selector may select a workload`,
          {
            related: [
              ...others.map((o) => ({
                resource: o.p,
                path,
                message: `${describe(o.p)} selects ${describeLabels(o.labels)}`,
              })),
              ...(w.origin
                ? [
                    {
                      resource: w,
                      path: ['metadata', 'name'],
                      message: `${what} carries ${describeLabels(h.labels)}`,
                    },
                  ]
                : []),
            ],
          },
        );
      }
    }
  }
}
