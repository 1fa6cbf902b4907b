import type { Rule } from '../rule';
import { drSpecOf, policiesOf } from '../shared/trafficPolicies';
import { fieldPath, isSet } from '../shared/values';
import { removeFieldFix } from '../shared/safeEdits';

export const tunnelWithProxyProtocol: Rule = {
  code: 'dr-tunnel-with-proxy-protocol',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'tunnel and proxyProtocol set together',
  explanation: [
    'A traffic policy sets both `tunnel` and `proxyProtocol`. Istio rejects it ("tunnel and proxyProtocol must not be set together"): both wrap the upstream connection in a different way, and Envoy cannot do both.',
    '',
    'Keep one of them.',
  ].join('\n'),
  check(ctx) {
    for (const p of policiesOf(drSpecOf(ctx))) {
      if (!isSet(p.value, 'tunnel') || !isSet(p.value, 'proxyProtocol')) continue;
      const tunnel = [...p.path, 'tunnel'];
      const pp = [...p.path, 'proxyProtocol'];
      ctx.report(
        tunnel,
        `${fieldPath(tunnel)} cannot be combined with proxyProtocol in the same traffic policy; keep only one of them.`,
        {
          related: [{ path: pp, message: 'proxyProtocol is set here' }],
          fixes: [
            removeFieldFix(ctx, tunnel, 'Remove tunnel'),
            removeFieldFix(ctx, pp, 'Remove proxyProtocol'),
          ],
        },
      );
    }
  },
};
