import type { Rule } from '../rule';
import { isIpAddress, validateFqdn } from '../shared/hostnames';
import { isUnixAddress } from '../shared/unixSocket';
import { endpointsOf, KIND, resolutionOf, type At } from './entry';
import { firstKeyPath } from '../shared/anchor';

/** The problem of an endpoint address under a resolution, or undefined. */
function problem(ep: At, resolution: string): string | undefined {
  const address = ep.value.address;
  const network = ep.value.network;
  if (address !== undefined && typeof address !== 'string') return undefined;
  const a = address ?? '';
  // Neither address nor network: the CRD rule "Address is required" reports it.
  if (address === undefined && (network === undefined || network === null)) return undefined;
  if (resolution === 'STATIC') {
    if (a === '') {
      if (typeof network === 'string' && network !== '') return undefined; // a warning: se-endpoint-address-unset-with-network
      return 'an endpoint needs an address (or a network)';
    }
    if (isUnixAddress(a) || isIpAddress(a)) return undefined;
    return `"${a}" is not an IP address; with resolution STATIC, endpoint addresses must be IPs or unix:// sockets (use resolution DNS for host names)`;
  }
  if (a === '') return `an endpoint needs an address with resolution ${resolution}`;
  if (isIpAddress(a) || !validateFqdn(a)) return undefined;
  return `"${a}" is not a valid IP address or host name`;
}

export const invalidEndpointAddress: Rule = {
  code: 'se-invalid-endpoint-address',
  severity: 'error',
  kinds: [KIND],
  title: 'Endpoint address does not fit the resolution',
  explanation: [
    'What an endpoint `address` may be depends on `resolution`:',
    '',
    '- `STATIC`: an IP address or a `unix://` socket; host names are rejected (they are never resolved). An empty address is only allowed when `network` is set.',
    '- `DNS` and `DNS_ROUND_ROBIN`: an IP address or a fully qualified host name, which the proxy resolves.',
    '',
    'Istio rejects other addresses.',
  ].join('\n'),
  check(ctx) {
    const resolution = resolutionOf(ctx.value);
    if (!['STATIC', 'DNS', 'DNS_ROUND_ROBIN'].includes(resolution)) return;
    for (const ep of endpointsOf(ctx.value)) {
      const p = problem(ep, resolution);
      if (!p) continue;
      const hasAddress = ep.value.address !== undefined;
      ctx.report(
        hasAddress ? [...ep.path, 'address'] : firstKeyPath(ctx, ep.path),
        `endpoints[${ep.index}].address: ${p}.`,
        {
          on: hasAddress ? 'value' : 'key',
        },
      );
    }
  },
};
