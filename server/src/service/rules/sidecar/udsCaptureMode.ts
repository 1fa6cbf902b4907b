import type { Rule } from '../rule';
import { egressOf, isUdsEgress, KIND } from './listeners';

export const udsCaptureMode: Rule = {
  code: 'sc-uds-capture-mode',
  severity: 'error',
  kinds: [KIND],
  title: 'Unix socket listener with iptables capture',
  explanation: [
    'Traffic to a Unix domain socket cannot be redirected with iptables, so an egress listener on a socket (port 0) must use `captureMode: DEFAULT` or `NONE`. Istio rejects `IPTABLES` there.',
  ].join('\n'),
  check(ctx) {
    for (const l of egressOf(ctx.value)) {
      if (!isUdsEgress(l) || l.value.captureMode !== 'IPTABLES') continue;
      const path = [...l.path, 'captureMode'];
      ctx.report(
        path,
        `egress[${l.index}] listens on a unix socket, so captureMode must be DEFAULT or NONE.`,
        {
          on: 'value',
          fixes: [ctx.fix.replaceValue(path, 'NONE', 'Set captureMode to NONE')],
        },
      );
    }
  },
};
