import type { Rule } from '../rule';
import { firstKeyPath } from '../shared/anchor';
import { drSpecOf, portPoliciesOf } from '../shared/trafficPolicies';
import { fieldPath, isSet } from '../shared/values';

export const portLevelPortRequired: Rule = {
  code: 'dr-port-level-port-required',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'portLevelSettings entry without port',
  explanation: [
    'Each entry of `portLevelSettings` applies its settings to one port of the service, so it needs `port: {number: N}`. Istio rejects an entry without it ("portTrafficPolicy must have valid port").',
  ].join('\n'),
  check(ctx) {
    for (const p of portPoliciesOf(drSpecOf(ctx))) {
      if (isSet(p.value, 'port')) continue;
      ctx.report(
        firstKeyPath(ctx, p.path),
        `${fieldPath(p.path)}: a port-level traffic policy needs a port, for example port: {number: 8080}.`,
      );
    }
  },
};
