import type { Rule } from '../rule';
import { routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, isSet, num, obj } from '../shared/values';
import { removeFieldFix } from '../shared/safeEdits';

export const retryDisabledWithSettings: Rule = {
  code: 'vs-retry-disabled-with-settings',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Retry settings while retries are disabled',
  explanation: [
    '`retries.attempts` is 0 (or not set, which means 0), so retries are disabled, yet `perTryTimeout`, `retryOn` or `retryRemoteLocalities` is set. Istio rejects this contradiction ("http retry policy configured when attempts are set to 0 (disabled)").',
    '',
    'Set `attempts` to the number of retries you want (for example `3`), or remove the other retry settings.',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) {
      const retries = obj(r.value.retries);
      if (!retries || (num(retries.attempts) ?? 0) !== 0) continue;
      const base = [...r.path, 'retries'];
      const hasAttempts = isSet(retries, 'attempts');
      for (const field of ['perTryTimeout', 'retryOn', 'retryRemoteLocalities']) {
        if (!isSet(retries, field) || retries[field] === '') continue;
        const at = [...base, field];
        ctx.report(
          at,
          `${fieldPath(at)}: retries are disabled (attempts is ${hasAttempts ? '0' : 'not set, which means 0'}), so ${field} cannot be set. Set attempts above 0, or remove ${field}.`,
          {
            related: hasAttempts
              ? [{ path: [...base, 'attempts'], message: 'attempts is 0 here' }]
              : undefined,
            fixes: [removeFieldFix(ctx, at, `Remove ${field}`)],
          },
        );
      }
    }
  },
};
