import type { Rule } from '../rule';
import { validatePort } from '../shared/ports';
import { KIND, servers, unixBind } from './servers';

export const invalidPortNumber: Rule = {
  code: 'gw-invalid-port-number',
  severity: 'error',
  kinds: [KIND],
  title: 'Invalid server port number',
  explanation: [
    '`port.number` must be in 1..65535. A server bound to a Unix socket (`bind: unix://...`) has no port, and Istio then requires the number to be 0.',
  ].join('\n'),
  check(ctx) {
    for (const s of servers(ctx.value)) {
      const n = s.port?.number;
      if (typeof n !== 'number') continue;
      const path = [...s.path, 'port', 'number'];
      if (unixBind(s)) {
        if (n !== 0) {
          ctx.report(path, `A server bound to a unix socket must use port number 0, not ${n}.`, {
            on: 'value',
            related: [{ path: [...s.path, 'bind'], message: 'the unix socket bind', on: 'value' }],
            fixes: [ctx.fix.replaceValue(path, '0', 'Set the port number to 0')],
          });
        }
        continue;
      }
      const problem = validatePort(n);
      if (problem) ctx.report(path, `port.number: ${problem}.`, { on: 'value' });
    }
  },
};
