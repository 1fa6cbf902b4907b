import { removeFieldFix } from '../shared/safeEdits';
import type { Rule } from '../rule';
import { KIND, policyRules } from './policy';

export const emptyTo: Rule = {
  code: 'ap-empty-to',
  severity: 'error',
  kinds: [KIND],
  title: 'Empty `to` list',
  explanation: [
    'A rule has `to: []`. Istio rejects an empty `to` list: either list at least one operation, or leave `to` out so that the rule matches any operation.',
  ].join('\n'),
  check(ctx) {
    for (const r of policyRules(ctx.value)) {
      if (!Array.isArray(r.value.to) || r.value.to.length > 0) continue;
      const path = [...r.path, 'to'];
      ctx.report(
        path,
        'to must not be an empty list: add an operation, or remove to to match any operation.',
        {
          fixes: [removeFieldFix(ctx, path, 'Remove the empty to', true)],
        },
      );
    }
  },
};
