import { removeFieldFix } from '../shared/safeEdits';
import type { Rule } from '../rule';
import { KIND, policyRules } from './policy';

export const emptyFrom: Rule = {
  code: 'ap-empty-from',
  severity: 'error',
  kinds: [KIND],
  title: 'Empty `from` list',
  explanation: [
    'A rule has `from: []`. Istio rejects an empty `from` list: either list at least one source, or leave `from` out so that the rule matches requests from any source.',
  ].join('\n'),
  check(ctx) {
    for (const r of policyRules(ctx.value)) {
      if (!Array.isArray(r.value.from) || r.value.from.length > 0) continue;
      const path = [...r.path, 'from'];
      ctx.report(path, 'from must not be an empty list: add a source, or remove from to match any source.', {
        fixes: [removeFieldFix(ctx, path, 'Remove the empty from', true)],
      });
    }
  },
};
