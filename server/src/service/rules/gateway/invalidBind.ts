import type { Rule } from '../rule';
import { validateIPAddress } from '../shared/ip';
import { isUnixAddress, validateUnixAddress } from '../shared/unixSocket';
import { KIND, servers } from './servers';

export const invalidBind: Rule = {
  code: 'gw-invalid-bind',
  severity: 'error',
  kinds: [KIND],
  title: 'Invalid server bind address',
  explanation: [
    '`bind` is the address the server listens on: an IP address, or `unix://` followed by an absolute socket path (or `@name` for an abstract socket). Istio rejects anything else, such as a host name or an address with a port.',
  ].join('\n'),
  check(ctx) {
    for (const s of servers(ctx.value)) {
      const bind = s.value.bind;
      if (typeof bind !== 'string' || bind === '') continue;
      const problem = isUnixAddress(bind) ? validateUnixAddress(bind) : validateIPAddress(bind);
      if (problem) ctx.report([...s.path, 'bind'], `bind: ${problem}.`, { on: 'value' });
    }
  },
};
