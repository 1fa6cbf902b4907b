import type { Rule } from '../rule';
import { fieldSet } from '../shared/httpRouteConflict';
import { drSpecOf, policiesOf } from '../shared/trafficPolicies';
import { fieldPath } from '../shared/values';
import { removeFieldFix } from '../shared/safeEdits';

const FIELDS = [
  'outlierDetection',
  'connectionPool',
  'loadBalancer',
  'tls',
  'portLevelSettings',
  'tunnel',
  'proxyProtocol',
  'retryBudget',
];

export const trafficPolicyEmpty: Rule = {
  code: 'dr-traffic-policy-empty',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'Empty trafficPolicy',
  explanation: [
    'A `trafficPolicy` (at the top level or in a subset) is present but sets nothing. Istio rejects it ("traffic policy must have at least one field"). It must set at least one of `outlierDetection`, `connectionPool`, `loadBalancer`, `tls`, `portLevelSettings`, `tunnel`, `proxyProtocol` or `retryBudget`.',
    '',
    'Add the settings you meant, or remove the empty `trafficPolicy`.',
  ].join('\n'),
  check(ctx) {
    for (const p of policiesOf(drSpecOf(ctx))) {
      if (FIELDS.some((f) => fieldSet(p.value, f))) continue;
      ctx.report(
        p.path,
        `${fieldPath(p.path)}: a traffic policy must set at least one of ${FIELDS.join(', ')}.`,
        {
          fixes: [removeFieldFix(ctx, p.path, 'Remove trafficPolicy')],
        },
      );
    }
  },
};
