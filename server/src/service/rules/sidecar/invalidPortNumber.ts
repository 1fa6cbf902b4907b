import type { Rule } from '../rule';
import { firstKeyPath } from '../shared/anchor';
import { validatePort } from '../shared/ports';
import { allListeners, isUdsEgress, KIND, portNumber } from './listeners';

export const invalidPortNumber: Rule = {
  code: 'sc-invalid-port-number',
  severity: 'error',
  kinds: [KIND],
  title: 'Invalid listener port number',
  explanation: [
    'A Sidecar listener port number must be in 1..65535. The one exception is an egress listener on a Unix domain socket, which uses port number 0 together with a `unix://` bind.',
  ].join('\n'),
  check(ctx) {
    for (const l of allListeners(ctx.value)) {
      if (!l.port || isUdsEgress(l)) continue;
      const n = portNumber(l);
      const problem = validatePort(n);
      if (!problem) continue;
      const path =
        l.port.number === undefined ? firstKeyPath(ctx, [...l.path, 'port']) : [...l.path, 'port', 'number'];
      ctx.report(path, `${l.side}[${l.index}].port: ${problem}.`, {
        on: l.port.number === undefined ? 'key' : 'value',
      });
    }
  },
};
