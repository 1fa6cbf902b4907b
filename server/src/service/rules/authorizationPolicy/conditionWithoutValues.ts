import type { Rule } from '../rule';
import { conditions, hasEntries, KIND, mistyped } from './policy';

export const conditionWithoutValues: Rule = {
  code: 'ap-condition-without-values',
  severity: 'error',
  kinds: [KIND],
  title: 'Condition without values',
  explanation: [
    'A `when` condition names a key but lists neither `values` nor `notValues`, so there is nothing to compare the attribute with. Istio rejects it.',
    '',
    'Add `values` (the attribute must match one of them) and/or `notValues` (it must match none of them).',
  ].join('\n'),
  check(ctx) {
    for (const c of conditions(ctx.value)) {
      const key = c.value.key;
      if (typeof key !== 'string' || key === '') continue;
      if (['values', 'notValues'].some((f) => hasEntries(c.value, f) || mistyped(c.value, f))) continue;
      ctx.report(
        [...c.path, 'key'],
        `The condition on '${key}' needs values or notValues (at least one non-empty list).`,
      );
    }
  },
};
