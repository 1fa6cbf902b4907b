import type { Rule } from '../rule';
import { hasEntries, mistyped, KIND, OPERATION_FIELDS, operations } from './policy';

export const emptyOperation: Rule = {
  code: 'ap-empty-operation',
  severity: 'error',
  kinds: [KIND],
  title: 'Empty `to.operation`',
  explanation: [
    'A `to.operation` sets none of its fields, so it does not say which requests it matches. Istio rejects it.',
    '',
    'Set at least one of `hosts`, `ports`, `methods`, `paths` (or their `not` forms) to a non-empty list.',
  ].join('\n'),
  check(ctx) {
    for (const o of operations(ctx.value)) {
      if (OPERATION_FIELDS.some((f) => hasEntries(o.value, f) || mistyped(o.value, f))) continue;
      ctx.report(
        o.path,
        'to.operation sets no field: list hosts, ports, methods or paths (or their not forms).',
      );
    }
  },
};
