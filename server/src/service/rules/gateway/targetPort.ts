import type { Rule } from '../rule';
import { removeFieldFix } from '../shared/safeEdits';
import { KIND, servers } from './servers';

export const targetPort: Rule = {
  code: 'gw-target-port',
  severity: 'error',
  kinds: [KIND],
  title: 'targetPort on a Gateway server',
  explanation: [
    '`port.targetPort` has no effect on Gateway servers, and Istio rejects it ("targetPort has no impact on Gateways"). The gateway proxy listens on `port.number` itself; to map a Service port to it, configure the gateway\'s Kubernetes Service. Remove `targetPort`.',
  ].join('\n'),
  check(ctx) {
    for (const s of servers(ctx.value)) {
      const t = s.port?.targetPort;
      if (typeof t !== 'number' || t <= 0) continue;
      const path = [...s.path, 'port', 'targetPort'];
      ctx.report(path, 'port.targetPort has no effect on Gateways and is not allowed.', {
        fixes: [removeFieldFix(ctx, path, 'Remove targetPort', true)],
      });
    }
  },
};
