import type { Rule } from '../rule';
import { validateIPSubnet } from '../shared/ip';
import { list } from '../shared/values';
import { KIND, specOf } from './entry';

export const invalidAddress: Rule = {
  code: 'se-invalid-address',
  severity: 'error',
  kinds: [KIND],
  title: 'Invalid ServiceEntry address',
  explanation: [
    '`spec.addresses` are the virtual IPs of the service: IP addresses, or CIDR blocks such as `10.0.0.0/16` (only with resolution NONE or STATIC). Istio rejects anything else, such as host names or addresses with ports.',
  ].join('\n'),
  check(ctx) {
    list(specOf(ctx.value).addresses).forEach((a, i) => {
      if (typeof a !== 'string') return;
      const problem = validateIPSubnet(a);
      if (problem) ctx.report(['spec', 'addresses', i], `spec.addresses[${i}]: ${problem}.`, { on: 'value' });
    });
  },
};
