import type { Resource } from '../../workspace/summary';
import { WORKLOAD_KINDS } from '../../workspace/summary';
import { entries, obj } from '../shared/values';
import { itemsOf } from '../shared/virtualServiceParts';
import { gatewayRefs } from '../workspace/refs';
import type { WorkspaceRule } from '../workspace/rule';
import { gatewayWorkloads } from './gatewayPods';

/** The first `@request.auth.claims…` header key a VirtualService routes on, with its path. */
function claimKey(vs: Resource): { key: string; path: (string | number)[] } | undefined {
  for (const h of itemsOf(vs.spec, 'http', ['spec']))
    for (const m of itemsOf(h.value, 'match', h.path))
      for (const field of ['headers', 'withoutHeaders'])
        for (const [key] of entries(obj(m.value[field])))
          if (key.startsWith('@request.auth.claims.') || key.startsWith('@request.auth.claims['))
            return { key, path: [...m.path, field, key] };
  return undefined;
}

/**
 * IST0149: a VirtualService routes on a JWT claim through a gateway, and a gateway workload is
 * selected by no RequestAuthentication in its namespace or the root namespace, so no claims are
 * ever extracted and the match never holds.
 */
export const jwtClaimRouting: WorkspaceRule = {
  id: 'jwt-claim-route-without-request-authentication',
  code: 'IST0149',
  severity: 'error',
  reads: ['VirtualService', 'Gateway', 'RequestAuthentication', ...WORKLOAD_KINDS],
  title: 'Routing on a JWT claim without a RequestAuthentication on the gateway',
  explanation:
    'Claims such as `@request.auth.claims.group` exist only after a RequestAuthentication that selects the gateway workload (in its namespace or the root namespace) has validated the token. Without one, a route that matches on a claim never matches. Add a RequestAuthentication for the gateway.',
  check(ctx) {
    const r = ctx.resolver;
    const root = r.mesh.rootNamespace;
    const ras = r.resources('RequestAuthentication');
    const covered = (w: Resource): boolean =>
      ras.some((ra) => {
        if (ra.namespace !== w.namespace && ra.namespace !== root) return false;
        const sel = obj(obj(ra.spec?.selector)?.matchLabels) ?? {};
        return entries(sel).every(([k, v]) => w.workload?.labels[k] === v);
      });
    for (const vs of ctx.subjects('VirtualService')) {
      const claim = claimKey(vs);
      if (!claim) continue;
      for (const g of gatewayRefs(vs)) {
        const { ref, lookup } = r.gateway(g.ref, vs.namespace);
        if (ref.mesh || lookup.status !== 'found') continue;
        for (const gw of lookup.targets) {
          const bare = (gatewayWorkloads(ctx, gw) ?? []).find((w) => !covered(w));
          if (!bare) continue;
          const what = bare.origin
            ? `pod ${bare.namespace}/${bare.name}`
            : `${bare.kind} ${bare.namespace}/${bare.name}`;
          if (!r.complete('RequestAuthentication')) {
            ctx.unresolved(vs, claim.path, `A RequestAuthentication selecting gateway ${what}`);
            continue;
          }
          ctx.report(
            vs,
            claim.path,
            `routing on "${claim.key}" through gateway ${ref.namespace}/${ref.name}, but no RequestAuthentication selects ${what}`,
            {
              on: 'key',
              related: [
                {
                  resource: bare.placed ? bare : vs,
                  path: bare.placed ? ['metadata', 'name'] : claim.path,
                  message: `no RequestAuthentication in namespace ${bare.namespace} or ${root} selects ${what}`,
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
