import type { Rule } from '../rule';
import { validatePort } from '../shared/ports';
import { drSpecOf, policiesOf } from '../shared/trafficPolicies';
import { fieldPath, num, obj } from '../shared/values';

export const tunnelTargetPort: Rule = {
  code: 'dr-tunnel-target-port',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'tunnel targetPort out of range',
  explanation: [
    '`tunnel.targetPort` is the port the tunnel connects to. Istio rejects numbers outside 1..65535 ("tunnel target port is invalid").',
  ].join('\n'),
  check(ctx) {
    for (const p of policiesOf(drSpecOf(ctx))) {
      const port = num(obj(p.value.tunnel)?.targetPort);
      if (port === undefined) continue;
      const err = validatePort(port);
      const at = [...p.path, 'tunnel', 'targetPort'];
      if (err) ctx.report(at, `${fieldPath(at)}: ${err}.`, { on: 'value' });
    }
  },
};
