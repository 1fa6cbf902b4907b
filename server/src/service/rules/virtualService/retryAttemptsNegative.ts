import type { Rule } from '../rule';
import { routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, num, obj } from '../shared/values';

export const retryAttemptsNegative: Rule = {
  code: 'vs-retry-attempts-negative',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Negative retries.attempts',
  explanation: [
    '`retries.attempts` is the number of retries for a request. Istio rejects a negative number ("attempts cannot be negative"). Use `0` to disable retries (and then set no other retry fields).',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) {
      const a = num(obj(r.value.retries)?.attempts);
      if (a === undefined || a >= 0) continue;
      const at = [...r.path, 'retries', 'attempts'];
      ctx.report(at, `${fieldPath(at)}: the number of attempts cannot be negative (it is ${a}).`, {
        on: 'value',
      });
    }
  },
};
