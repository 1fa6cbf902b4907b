import type { Rule } from '../rule';
import { isIpAddress, validateFqdn } from '../shared/hostnames';
import { drSpecOf, policiesOf } from '../shared/trafficPolicies';
import { fieldPath, obj } from '../shared/values';

export const tunnelTargetHost: Rule = {
  code: 'dr-tunnel-target-host',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'Invalid tunnel targetHost',
  explanation: [
    '`tunnel.targetHost` is the host the tunnel connects to. Istio rejects the DestinationRule unless it is a fully qualified domain name (DNS labels, no wildcard) or an IP address ("tunnel target host must be valid FQDN or IP address").',
  ].join('\n'),
  check(ctx) {
    for (const p of policiesOf(drSpecOf(ctx))) {
      const h = obj(p.value.tunnel)?.targetHost;
      if (typeof h !== 'string' || isIpAddress(h)) continue;
      const err = validateFqdn(h);
      if (!err) continue;
      const at = [...p.path, 'tunnel', 'targetHost'];
      ctx.report(
        at,
        `${fieldPath(at)}: the tunnel target must be a fully qualified domain name or an IP address (${err}).`,
        { on: 'value' },
      );
    }
  },
};
