import type { Rule } from '../rule';
import { exportToProblems } from '../shared/exportTo';
import { drSpecOf } from '../shared/trafficPolicies';
import { isSet, namespaceOf } from '../shared/values';

export const exportTo: Rule = {
  code: 'dr-export-to',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'Invalid exportTo',
  explanation: [
    "`exportTo` lists the namespaces that can see this DestinationRule. Istio rejects the object when an entry is not `.` (this namespace), `*` (all namespaces) or a namespace name, when an entry is repeated (`.` and the rule's own namespace count as the same), or when `*` is combined with other entries.",
    '',
    '`~` (export to nobody) is only allowed on a ServiceEntry.',
  ].join('\n'),
  check(ctx) {
    const spec = drSpecOf(ctx);
    const problems = exportToProblems(spec?.exportTo, {
      namespace: namespaceOf(ctx.value),
      destinationRuleWithSelector: isSet(spec, 'workloadSelector'),
    });
    for (const p of problems) {
      if (p.kind === 'selector') continue;
      const path = p.index === undefined ? ['spec', 'exportTo'] : ['spec', 'exportTo', p.index];
      ctx.report(path, `spec.exportTo${p.index === undefined ? '' : `[${p.index}]`}: ${p.message}.`, {
        on: p.index === undefined ? 'key' : 'value',
        related:
          p.duplicateOf === undefined
            ? undefined
            : [{ path: ['spec', 'exportTo', p.duplicateOf], on: 'value', message: 'first listed here' }],
      });
    }
  },
};
