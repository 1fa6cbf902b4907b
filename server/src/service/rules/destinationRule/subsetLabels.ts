import type { Rule } from '../rule';
import { labelMapProblems } from '../shared/labels';
import { drSpecOf } from '../shared/trafficPolicies';
import { isObj, list } from '../shared/values';

export const subsetLabels: Rule = {
  code: 'dr-subset-labels',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'Invalid subset labels',
  explanation: [
    'A key or value of a subset\'s `labels` is not a valid Kubernetes label, so Istio rejects the DestinationRule ("invalid tag key" / "invalid tag value").',
    '',
    'A key is an optional DNS prefix and `/` (such as `app.kubernetes.io/`), then a name of at most 63 letters, digits, `-`, `_` or `.` that starts and ends with a letter or digit. A value follows the same rules, or is empty.',
  ].join('\n'),
  check(ctx) {
    list(drSpecOf(ctx)?.subsets).forEach((s, i) => {
      if (!isObj(s)) return;
      for (const p of labelMapProblems(s.labels)) {
        ctx.report(['spec', 'subsets', i, 'labels', p.key], `spec.subsets[${i}].labels: ${p.message}.`, {
          on: p.on,
        });
      }
    });
  },
};
