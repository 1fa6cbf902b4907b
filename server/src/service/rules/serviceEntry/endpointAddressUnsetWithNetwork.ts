import type { Rule } from '../rule';
import { endpointsOf, KIND, resolutionOf } from './entry';

export const endpointAddressUnsetWithNetwork: Rule = {
  code: 'se-endpoint-address-unset-with-network',
  severity: 'warning',
  kinds: [KIND],
  title: 'Endpoint without address, reached through its network',
  explanation: [
    "An endpoint of a STATIC ServiceEntry has no `address` but names a `network`. Istio accepts it with a warning: the endpoint can only be reached through that network's gateway. Set `address` if it is directly reachable.",
  ].join('\n'),
  check(ctx) {
    if (resolutionOf(ctx.value) !== 'STATIC') return;
    for (const ep of endpointsOf(ctx.value)) {
      const a = ep.value.address;
      if (!(a === undefined || a === null || a === '')) continue;
      const network = ep.value.network;
      if (typeof network !== 'string' || network === '') continue;
      ctx.report(
        [...ep.path, 'network'],
        `endpoints[${ep.index}] has no address, so it is only reachable through network "${network}".`,
      );
    }
  },
};
