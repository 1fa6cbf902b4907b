import type { Rule } from '../rule';
import { firstKeyPath } from '../shared/anchor';
import { drSpecOf, portPoliciesOf } from '../shared/trafficPolicies';
import { fieldPath, isSet } from '../shared/values';

const FIELDS = ['outlierDetection', 'connectionPool', 'loadBalancer', 'tls'];

export const portTrafficPolicyEmpty: Rule = {
  code: 'dr-port-traffic-policy-empty',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'portLevelSettings entry sets nothing',
  explanation: [
    'An entry of `portLevelSettings` names a port but sets no policy for it. Istio rejects it ("port traffic policy must have at least one field"): it must set at least one of `outlierDetection`, `connectionPool`, `loadBalancer` or `tls`.',
    '',
    'Add the settings for that port, or remove the entry.',
  ].join('\n'),
  check(ctx) {
    for (const p of portPoliciesOf(drSpecOf(ctx))) {
      if (FIELDS.some((f) => isSet(p.value, f))) continue;
      ctx.report(
        firstKeyPath(ctx, p.path),
        `${fieldPath(p.path)}: a port-level traffic policy must set at least one of ${FIELDS.join(', ')}.`,
      );
    }
  },
};
