import { hostMatches, parseServerHost } from '../../workspace/resolve';
import { strings } from '../../workspace/resolver';
import { itemsOf } from '../shared/virtualServiceParts';
import { describe, gatewayRefs } from './refs';
import type { WorkspaceRule } from './rule';

/**
 * IST0132: none of a VirtualService's hosts is served by a Gateway it binds to. Server hosts are
 * scoped: `./h` admits the Gateway's namespace, `ns/h` that namespace, `*\/h` and a bare `h` any.
 * Both the host as written and its FQDN are tried (istio#22698).
 */
export const gatewayHostMismatch: WorkspaceRule = {
  id: 'vs-host-not-in-gateway',
  code: 'IST0132',
  severity: 'warning',
  reads: ['VirtualService', 'Gateway'],
  title: "A VirtualService's hosts are not served by its Gateway",
  explanation:
    'A gateway applies a VirtualService only for hosts that one of its servers serves to the VirtualService namespace. When none matches, the routes have no effect on that gateway. Add the host to a Gateway server, or fix the VirtualService hosts.',
  check(ctx) {
    const r = ctx.resolver;
    for (const vs of ctx.each('VirtualService')) {
      const hosts = strings(vs.spec?.hosts) ?? [];
      if (!hosts.length) continue;
      const candidates = hosts.flatMap((h) => [h, r.fqdn(h, vs.namespace)]);
      for (const g of gatewayRefs(vs)) {
        const { ref, lookup } = r.gateway(g.ref, vs.namespace);
        if (ref.mesh || lookup.status !== 'found') continue;
        for (const gw of lookup.targets.filter(
          (t) => t.kind === 'Gateway' && t.group === 'networking.istio.io',
        )) {
          const served = itemsOf(gw.spec, 'servers', ['spec']).flatMap((s) =>
            (strings(s.value.hosts) ?? []).map((h) => parseServerHost(h, gw.namespace)),
          );
          const ok = served.some(
            (s) =>
              (s.namespace === '*' || s.namespace === vs.namespace) &&
              candidates.some((c) => hostMatches(c, s.host)),
          );
          if (ok) continue;
          ctx.report(
            vs,
            g.path,
            `no server of ${describe(gw)} serves ${hosts.map((h) => `"${h}"`).join(', ')} to namespace ${vs.namespace}`,
            {
              related: [
                {
                  resource: gw,
                  path: ['spec', 'servers'],
                  message: `the servers of ${describe(gw)}`,
                  on: 'key',
                },
              ],
            },
          );
        }
      }
    }
  },
};
