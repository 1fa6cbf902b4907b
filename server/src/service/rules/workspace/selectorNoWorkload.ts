import { WORKLOAD_KINDS, type Resource } from '../../workspace/summary';
import { describeLabels, selectorLabels } from './refs';
import type { WorkspaceRule, WorkspaceRuleContext } from './rule';
import { clusterBasis } from './basis';

/** Reports a selector that selects no workload in its namespace (or the mesh, from the root namespace). */
export function checkSelector(
  ctx: WorkspaceRuleContext,
  r: Resource,
  labels: Record<string, string> | undefined,
  path: (string | number)[],
  meshWide: boolean,
  message: (where: string) => string,
): void {
  if (!labels) return;
  const ns = meshWide ? undefined : r.namespace;
  const lookup = ctx.resolver.workloads(ns, labels);
  if (lookup.status === 'found') return;
  const where = ns ? `namespace ${ns}` : 'the mesh';
  if (lookup.status === 'missing')
    ctx.report(r, path, message(where), {
      related: clusterBasis(
        ctx,
        r,
        path,
        WORKLOAD_KINDS,
        `0 pods in ${where} match ${describeLabels(labels)}`,
      ),
    });
  else ctx.unresolved(r, path, `A workload with labels ${describeLabels(labels)} in ${where}`);
}

/** IST0101: a Sidecar or Telemetry workload selector that matches no workload. */
export const selectorNoWorkload: WorkspaceRule = {
  id: 'selector-no-workload',
  code: 'IST0101',
  severity: 'error',
  reads: ['Sidecar', 'Telemetry', ...WORKLOAD_KINDS],
  title: 'A Sidecar or Telemetry selector matches no workload',
  explanation:
    'A workload selector picks pods by label in the resource namespace. When no workload carries those labels, the resource has no effect. Fix the labels, or remove the selector to apply to the whole namespace.',
  check(ctx) {
    const root = ctx.resolver.mesh.rootNamespace;
    for (const sc of ctx.each('Sidecar'))
      checkSelector(
        ctx,
        sc,
        selectorLabels(sc.spec, 'workloadSelector', 'labels'),
        ['spec', 'workloadSelector', 'labels'],
        false,
        (w) => `the workloadSelector matches no workload in ${w}`,
      );
    for (const t of ctx.each('Telemetry'))
      checkSelector(
        ctx,
        t,
        selectorLabels(t.spec, 'selector', 'matchLabels'),
        ['spec', 'selector', 'matchLabels'],
        t.namespace === root,
        (w) => `the selector matches no workload in ${w}`,
      );
  },
};
