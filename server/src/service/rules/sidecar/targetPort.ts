import type { Rule } from '../rule';
import { removeFieldFix } from '../shared/safeEdits';
import { allListeners, KIND } from './listeners';

export const targetPort: Rule = {
  code: 'sc-target-port',
  severity: 'error',
  kinds: [KIND],
  title: 'targetPort on a Sidecar listener',
  explanation: [
    '`port.targetPort` has no effect on Sidecar listeners, and Istio rejects it ("targetPort has no impact on Sidecars"). For ingress, the port the application listens on is given by `defaultEndpoint`. Remove `targetPort`.',
  ].join('\n'),
  check(ctx) {
    for (const l of allListeners(ctx.value)) {
      const t = l.port?.targetPort;
      if (typeof t !== 'number' || t <= 0) continue;
      const path = [...l.path, 'port', 'targetPort'];
      ctx.report(
        path,
        `${l.side}[${l.index}].port.targetPort has no effect on Sidecars and is not allowed.`,
        {
          fixes: [removeFieldFix(ctx, path, 'Remove targetPort', true)],
        },
      );
    }
  },
};
