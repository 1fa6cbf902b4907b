import type { Rule } from '../rule';
import { validateIPAddress } from '../shared/ip';
import { validateUnixAddress } from '../shared/unixSocket';
import { allListeners, bindOf, hasUnixBind, isUdsEgress, KIND } from './listeners';

export const invalidBind: Rule = {
  code: 'sc-invalid-bind',
  severity: 'error',
  kinds: [KIND],
  title: 'Invalid listener bind address',
  explanation: [
    '`bind` is the address a Sidecar listener listens on. Ingress listeners and egress listeners with a port number take an IP address. An egress listener with port number 0 listens on a Unix domain socket and needs `bind: unix://<absolute path>` (or `unix://@name` for an abstract socket). Istio rejects anything else.',
  ].join('\n'),
  check(ctx) {
    for (const l of allListeners(ctx.value)) {
      if (!l.port) continue;
      const bind = bindOf(l);
      const where = `${l.side}[${l.index}]`;
      if (isUdsEgress(l)) {
        if (!hasUnixBind(l)) {
          const at = bind === '' ? [...l.path, 'port', 'number'] : [...l.path, 'bind'];
          ctx.report(at, `${where} uses port 0, which needs a unix:// bind address.`, { on: 'value' });
        } else {
          const problem = validateUnixAddress(bind);
          if (problem) ctx.report([...l.path, 'bind'], `${where}.bind: ${problem}.`, { on: 'value' });
        }
        continue;
      }
      if (bind === '') continue;
      const problem = validateIPAddress(bind);
      if (problem) ctx.report([...l.path, 'bind'], `${where}.bind: ${problem}.`, { on: 'value' });
    }
  },
};
