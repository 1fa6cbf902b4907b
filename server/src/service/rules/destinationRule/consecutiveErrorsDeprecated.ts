import type { Rule } from '../rule';
import { blocksOf, drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, num } from '../shared/values';

export const consecutiveErrorsDeprecated: Rule = {
  code: 'dr-consecutive-errors-deprecated',
  severity: 'warning',
  kinds: ['DestinationRule'],
  title: 'Deprecated outlierDetection.consecutiveErrors',
  explanation: [
    '`outlierDetection.consecutiveErrors` is deprecated. Istio accepts it but warns ("outlier detection consecutive errors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors instead").',
    '',
    'Use `consecutive5xxErrors` to eject hosts after 5xx responses (and connection failures), or `consecutiveGatewayErrors` to count only 502, 503 and 504.',
  ].join('\n'),
  check(ctx) {
    for (const b of blocksOf(drSpecOf(ctx), 'outlierDetection')) {
      const v = num(b.value.consecutiveErrors);
      if (v === undefined || v === 0) continue;
      const at = [...b.path, 'consecutiveErrors'];
      ctx.report(
        at,
        `${fieldPath(at)} is deprecated; use consecutive5xxErrors or consecutiveGatewayErrors instead.`,
      );
    }
  },
};
