import type { Rule } from '../rule';
import { validateIPSubnet } from '../shared/ip';
import { matchesOf, routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, list } from '../shared/values';

export const destinationSubnet: Rule = {
  code: 'vs-destination-subnet',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Invalid destinationSubnets entry',
  explanation: [
    'An entry of `match[].destinationSubnets` (TLS and TCP routes) is not an IP address or a CIDR block, so Istio rejects the VirtualService. Write an address such as `10.1.2.3` or a block such as `10.1.0.0/16` (IPv6 works too).',
  ].join('\n'),
  check(ctx) {
    for (const kind of ['tls', 'tcp'] as const) {
      for (const r of routesOf(specOf(ctx), kind)) {
        for (const m of matchesOf(r)) {
          list(m.value.destinationSubnets).forEach((s, i) => {
            if (typeof s !== 'string') return;
            const err = validateIPSubnet(s);
            const at = [...m.path, 'destinationSubnets', i];
            if (err) ctx.report(at, `${fieldPath(at)}: ${err}.`, { on: 'value' });
          });
        }
      }
    }
  },
};
