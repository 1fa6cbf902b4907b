import type { Rule } from '../rule';
import { labelMapProblems } from '../shared/labels';
import { obj } from '../shared/values';

export const invalidLabels: Rule = {
  code: 'we-invalid-labels',
  severity: 'error',
  kinds: ['WorkloadEntry'],
  title: 'Invalid label in a WorkloadEntry',
  explanation: [
    '`spec.labels` follow Kubernetes label syntax, and Istio rejects anything else. A key is an optional DNS prefix and `/`, then a name of at most 63 characters; names and values use letters, digits, `-`, `_` and `.`, and start and end with a letter or digit. A value may also be empty.',
  ].join('\n'),
  check(ctx) {
    for (const p of labelMapProblems(obj(ctx.value.spec)?.labels)) {
      ctx.report(['spec', 'labels', p.key], `spec.labels: ${p.message}.`, { on: p.on });
    }
  },
};
