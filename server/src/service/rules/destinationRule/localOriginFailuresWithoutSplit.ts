import type { Rule } from '../rule';
import { blocksOf, drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, num } from '../shared/values';
import { removeFieldFix } from '../shared/safeEdits';

export const localOriginFailuresWithoutSplit: Rule = {
  code: 'dr-local-origin-failures-without-split',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'consecutiveLocalOriginFailures without splitExternalLocalOriginErrors',
  explanation: [
    '`outlierDetection.consecutiveLocalOriginFailures` counts locally originated failures (connect timeouts, resets) separately from upstream errors. That split only happens when `splitExternalLocalOriginErrors: true`, so Istio rejects the DestinationRule otherwise ("outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false").',
    '',
    'Set `splitExternalLocalOriginErrors: true` (the quick fix does), or remove `consecutiveLocalOriginFailures`.',
  ].join('\n'),
  check(ctx) {
    for (const b of blocksOf(drSpecOf(ctx), 'outlierDetection')) {
      const v = num(b.value.consecutiveLocalOriginFailures);
      if (v === undefined || v <= 0 || b.value.splitExternalLocalOriginErrors === true) continue;
      const at = [...b.path, 'consecutiveLocalOriginFailures'];
      const split = [...b.path, 'splitExternalLocalOriginErrors'];
      const present = b.value.splitExternalLocalOriginErrors !== undefined;
      ctx.report(at, `${fieldPath(at)} only takes effect with splitExternalLocalOriginErrors: true.`, {
        related: present
          ? [{ path: split, message: 'splitExternalLocalOriginErrors is not true here' }]
          : undefined,
        fixes: [
          present
            ? ctx.fix.replaceValue(split, 'true', 'Set splitExternalLocalOriginErrors: true')
            : ctx.fix.insertField(
                b.path,
                'splitExternalLocalOriginErrors',
                'true',
                'Add splitExternalLocalOriginErrors: true',
              ),
          removeFieldFix(ctx, at, 'Remove consecutiveLocalOriginFailures', false),
        ],
      });
    }
  },
};
