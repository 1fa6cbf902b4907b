import type { Rule } from '../rule';
import { isUnixAddress } from '../shared/unixSocket';
import { endpointsOf, KIND, portsOf, resolutionOf } from './entry';

export const unixEndpointPortCount: Rule = {
  code: 'se-unix-endpoint-port-count',
  severity: 'error',
  kinds: [KIND],
  title: 'Unix socket endpoint needs exactly one service port',
  explanation: [
    'A `unix://` endpoint is a single socket, so it can serve only one port. Istio rejects a STATIC ServiceEntry with a unix endpoint unless it declares exactly one port in `spec.ports`.',
  ].join('\n'),
  check(ctx) {
    if (resolutionOf(ctx.value) !== 'STATIC') return;
    const count = portsOf(ctx.value).length;
    if (count === 1) return;
    for (const ep of endpointsOf(ctx.value)) {
      const a = ep.value.address;
      if (typeof a !== 'string' || !isUnixAddress(a)) continue;
      ctx.report(
        [...ep.path, 'address'],
        `The unix endpoint ${a} needs exactly one port in spec.ports, but there ${count === 0 ? 'are none' : `are ${count}`}.`,
        {
          on: 'value',
          related: count > 0 ? [{ path: ['spec', 'ports'], message: `${count} ports are declared` }] : [],
        },
      );
    }
  },
};
