import type { Rule } from '../rule';
import { isIpAddress, validateFqdn } from '../shared/hostnames';
import { isUnixAddress } from '../shared/unixSocket';
import { obj } from '../shared/values';

export const invalidAddress: Rule = {
  code: 'we-invalid-address',
  severity: 'error',
  kinds: ['WorkloadEntry'],
  title: 'WorkloadEntry address is not an IP or host name',
  explanation: [
    '`spec.address` must be an IP address, a fully qualified host name (DNS labels separated by dots, not ending in an all-numeric label), or a `unix://` socket path. Istio rejects anything else, for example a URL, an address with a port (`10.0.0.1:80`) or a name with underscores.',
    '',
    'Ports go into `spec.ports`, not into the address.',
  ].join('\n'),
  check(ctx) {
    const address = obj(ctx.value.spec)?.address;
    if (typeof address !== 'string' || address === '' || isUnixAddress(address) || isIpAddress(address))
      return;
    if (!validateFqdn(address)) return;
    ctx.report(['spec', 'address'], `spec.address "${address}" is not a valid IP address or host name.`, {
      on: 'value',
    });
  },
};
