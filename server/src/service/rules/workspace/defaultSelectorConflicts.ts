import type { Resource } from '../../workspace/summary';
import { isObj, list } from '../shared/values';
import { describe } from './refs';
import type { WorkspaceRule, WorkspaceRuleContext } from './rule';

/** Reports every resource of a namespace group that has more than one member. */
function reportGroups(
  ctx: WorkspaceRuleContext,
  all: readonly Resource[],
  message: (others: string) => string,
): void {
  const byNs = new Map<string, Resource[]>();
  for (const r of all) byNs.set(r.namespace, [...(byNs.get(r.namespace) ?? []), r]);
  for (const group of byNs.values()) {
    if (group.length < 2 || group.length > 50) continue;
    for (const r of group) {
      const others = group.filter((o) => o !== r);
      ctx.report(r, ['metadata', 'name'], message(others.map(describe).join(', ')), {
        related: others.map((o) => ({ resource: o, path: ['metadata', 'name'], message: describe(o) })),
      });
    }
  }
}

/** IST0111: more than one Sidecar without a workloadSelector in one namespace. */
export const multipleDefaultSidecars: WorkspaceRule = {
  id: 'sidecar-multiple-default',
  code: 'IST0111',
  severity: 'error',
  reads: ['Sidecar'],
  title: 'Several Sidecars without a workloadSelector in one namespace',
  explanation:
    'A namespace can have one default Sidecar (one without `workloadSelector`). With several, which one applies is undefined. Merge them, or give all but one a workloadSelector.',
  check(ctx) {
    const defaults = ctx.subjects('Sidecar').filter((s) => !isObj(s.spec?.workloadSelector));
    reportGroups(ctx, defaults, (o) => `this namespace has other Sidecars without a workloadSelector: ${o}`);
  },
};

/** IST0160: more than one Telemetry without a selector in one namespace. */
export const multipleDefaultTelemetries: WorkspaceRule = {
  id: 'telemetry-multiple-default',
  code: 'IST0160',
  severity: 'error',
  reads: ['Telemetry'],
  title: 'Several Telemetries without a selector in one namespace',
  explanation:
    'A namespace can have one Telemetry without `selector` or `targetRefs`. With several, which one applies is undefined. Merge them, or give all but one a selector.',
  check(ctx) {
    const defaults = ctx
      .subjects('Telemetry')
      .filter(
        (t) => !isObj(t.spec?.selector) && !isObj(t.spec?.targetRef) && !list(t.spec?.targetRefs).length,
      );
    reportGroups(ctx, defaults, (o) => `this namespace has other Telemetries without a selector: ${o}`);
  },
};
