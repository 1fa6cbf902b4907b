import { K8S_GATEWAY } from '../../workspace/workspaceIndex';
import { gatewayRefs } from './refs';
import type { WorkspaceRule } from './rule';
import { clusterBasis } from './basis';

/**
 * IST0101 for gateways. Every form Istio accepts is resolved (mesh, name, ns/name, ./name, the
 * legacy name.ns), and a Gateway API Gateway of that name counts as found.
 */
export const gatewayNotFound: WorkspaceRule = {
  id: 'vs-gateway-not-found',
  code: 'IST0101',
  severity: 'error',
  reads: ['VirtualService', 'Gateway', K8S_GATEWAY],
  title: 'A VirtualService is bound to a Gateway that does not exist',
  explanation:
    'A `gateways` entry names `<namespace>/<name>` of a Gateway (a bare name is in the VirtualService namespace). When that Gateway does not exist, the routes are never applied to any gateway. Fix the name or create the Gateway.',
  check(ctx) {
    for (const vs of ctx.each('VirtualService')) {
      for (const g of gatewayRefs(vs)) {
        const { ref, lookup } = ctx.resolver.gateway(g.ref, vs.namespace);
        if (ref.mesh || lookup.status === 'found') continue;
        const name = `${ref.namespace}/${ref.name}`;
        if (lookup.status === 'missing')
          ctx.report(vs, g.path, `gateway "${g.ref}" (${name}) was not found`, {
            related: clusterBasis(ctx, vs, g.path, ['Gateway', K8S_GATEWAY], `no Gateway ${name}`),
          });
        else ctx.unresolved(vs, g.path, `Gateway "${name}"`);
      }
    }
  },
};
