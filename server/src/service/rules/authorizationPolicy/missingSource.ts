import type { Rule } from '../rule';
import { firstKeyPath } from '../shared/anchor';
import { list, obj } from '../shared/values';
import { KIND, policyRules } from './policy';

export const missingSource: Rule = {
  code: 'ap-missing-source',
  severity: 'error',
  kinds: [KIND],
  title: '`from` entry without `source`',
  explanation: [
    "Each entry of a rule's `from` list must contain a `source` that says which peers or request principals it matches. Istio rejects an entry without one.",
    '',
    'Add a `source` (for example `source: {namespaces: ["frontend"]}`), or remove the entry.',
  ].join('\n'),
  check(ctx) {
    for (const r of policyRules(ctx.value)) {
      list(r.value.from).forEach((entry, j) => {
        const from = obj(entry);
        if (!from || from.source !== undefined) return;
        const path = firstKeyPath(ctx, [...r.path, 'from', j]);
        ctx.report(path, 'This from entry has no source: add a source that says which peers it matches.');
      });
    }
  },
};
