import { list } from '../shared/values';
import type { Resource } from '../../workspace/summary';
import { describe, destinations } from './refs';
import type { WorkspaceRule } from './rule';

/**
 * IST0140: a gateway-bound VirtualService routes to a host without a subset, while another
 * VirtualService routes to that host by subsets: those subset rules do not apply at the gateway.
 */
export const ingressRouteRulesNotAffected: WorkspaceRule = {
  id: 'vs-ingress-route-rules-not-affected',
  code: 'IST0140',
  severity: 'warning',
  reads: ['VirtualService'],
  title: 'Gateway traffic skips the subset routing of another VirtualService',
  explanation:
    'Traffic that enters through a gateway is routed by the VirtualService bound to that gateway only. When it sends a host to no subset while a mesh VirtualService splits that host by subsets, gateway traffic is not split. Route to the subsets in the gateway VirtualService too.',
  check(ctx) {
    const r = ctx.resolver;
    const subsetUsers = new Map<string, Resource>();
    for (const vs of ctx.subjects('VirtualService'))
      for (const d of destinations(vs)) if (d.subset) subsetUsers.set(r.fqdn(d.host, vs.namespace), vs);
    if (!subsetUsers.size) return;
    for (const vs of ctx.subjects('VirtualService')) {
      const gws = list(vs.spec?.gateways);
      if (!gws.length || gws.every((g) => g === 'mesh')) continue;
      for (const d of destinations(vs)) {
        if (d.subset || d.mirror) continue;
        const other = subsetUsers.get(r.fqdn(d.host, vs.namespace));
        if (!other || other === vs) continue;
        ctx.report(
          vs,
          [...d.path, 'host'],
          `gateway traffic to "${d.host}" names no subset, so the subset routing of ${describe(other)} does not apply to it`,
          {
            related: [
              {
                resource: other,
                path: ['spec', 'hosts'],
                message: `${describe(other)} routes "${d.host}" by subsets`,
                on: 'key',
              },
            ],
          },
        );
      }
    }
  },
};
