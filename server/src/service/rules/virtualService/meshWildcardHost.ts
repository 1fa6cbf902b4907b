import type { Rule } from '../rule';
import { specOf } from '../shared/virtualServiceParts';
import { checkHosts } from '../shared/vsHosts';

export const meshWildcardHost: Rule = {
  code: 'vs-mesh-wildcard-host',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Host "*" on a VirtualService that applies to the mesh',
  explanation: [
    'The host `*` matches every host name. Istio rejects it when the VirtualService applies to the mesh ("wildcard host * is not allowed for virtual services bound to the mesh gateway"), that is when `gateways` is empty or lists `mesh`: it would capture the traffic of every service in the mesh.',
    '',
    'List the actual hosts (for example `reviews` or `*.example.com`), or bind the VirtualService to ingress/egress gateways only (`gateways: [istio-system/my-gateway]`), where `*` is allowed.',
  ].join('\n'),
  check(ctx) {
    for (const h of checkHosts(specOf(ctx))) {
      if (!h.meshWildcard) continue;
      ctx.report(
        ['spec', 'hosts', h.index],
        `spec.hosts[${h.index}]: the host "*" is not allowed for a VirtualService that applies to the mesh (no gateways, or "mesh" among them). List specific hosts, or bind it to gateways only.`,
        { on: 'value' },
      );
    }
  },
};
