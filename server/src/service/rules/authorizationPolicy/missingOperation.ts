import type { Rule } from '../rule';
import { firstKeyPath } from '../shared/anchor';
import { list, obj } from '../shared/values';
import { KIND, policyRules } from './policy';

export const missingOperation: Rule = {
  code: 'ap-missing-operation',
  severity: 'error',
  kinds: [KIND],
  title: '`to` entry without `operation`',
  explanation: [
    "Each entry of a rule's `to` list must contain an `operation` that says which requests it matches (hosts, ports, methods or paths). Istio rejects an entry without one.",
    '',
    'Add an `operation` (for example `operation: {methods: ["GET"]}`), or remove the entry.',
  ].join('\n'),
  check(ctx) {
    for (const r of policyRules(ctx.value)) {
      list(r.value.to).forEach((entry, j) => {
        const to = obj(entry);
        if (!to || to.operation !== undefined) return;
        const path = firstKeyPath(ctx, [...r.path, 'to', j]);
        ctx.report(
          path,
          'This to entry has no operation: add an operation that says which requests it matches.',
        );
      });
    }
  },
};
