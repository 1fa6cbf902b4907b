import type { Rule } from '../rule';
import { exportToProblems } from '../shared/exportTo';
import { drSpecOf } from '../shared/trafficPolicies';
import { isSet, namespaceOf } from '../shared/values';

export const exportToWithSelector: Rule = {
  code: 'dr-export-to-with-selector',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'DestinationRule with workloadSelector exported beyond its namespace',
  explanation: [
    'A DestinationRule with a `workloadSelector` applies only to the selected workloads, which live in its own namespace. Istio rejects it when `exportTo` names any other namespace, `*`, or more than one entry ("destination rule with workload selector cannot have exportTo beyond current namespace").',
    '',
    'Use `exportTo: ["."]`, or remove `exportTo`.',
  ].join('\n'),
  check(ctx) {
    const spec = drSpecOf(ctx);
    if (!isSet(spec, 'workloadSelector')) return;
    for (const p of exportToProblems(spec?.exportTo, {
      namespace: namespaceOf(ctx.value),
      destinationRuleWithSelector: true,
    })) {
      if (p.kind !== 'selector') continue;
      const path = p.index === undefined ? ['spec', 'exportTo'] : ['spec', 'exportTo', p.index];
      ctx.report(path, `spec.exportTo: ${p.message}.`, {
        on: p.index === undefined ? 'key' : 'value',
        related: [{ path: ['spec', 'workloadSelector'], message: 'workloadSelector is set here' }],
      });
    }
  },
};
