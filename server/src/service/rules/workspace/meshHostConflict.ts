import { scopesOverlap } from '../../workspace/resolve';
import { strings } from '../../workspace/resolver';
import type { Resource } from '../../workspace/summary';
import { list } from '../shared/values';
import { describe } from './refs';
import type { WorkspaceRule } from './rule';

/** IST0109: VirtualServices bound to the mesh declare the same host in overlapping exportTo scopes. */
export const meshHostConflict: WorkspaceRule = {
  id: 'vs-mesh-host-conflict',
  code: 'IST0109',
  severity: 'error',
  reads: ['VirtualService'],
  title: 'Several mesh VirtualServices declare the same host',
  explanation:
    'Sidecars take one VirtualService per host. When several VirtualServices bound to the mesh (no `gateways`, or `mesh` listed) declare the same host for the same namespaces, only one of them is used. Merge them into one, or separate them with `exportTo`.',
  check(ctx) {
    const r = ctx.resolver;
    const byHost = new Map<string, { vs: Resource; index: number }[]>();
    for (const vs of ctx.subjects('VirtualService')) {
      const gws = list(vs.spec?.gateways);
      if (gws.length && !gws.includes('mesh')) continue;
      (strings(vs.spec?.hosts) ?? []).forEach((h, index) => {
        const host = r.fqdn(h, vs.namespace);
        const l = byHost.get(host) ?? [];
        l.push({ vs, index });
        byHost.set(host, l);
      });
    }
    const def = r.mesh.defaultVirtualServiceExportTo;
    for (const [host, users] of byHost) {
      if (users.length < 2 || users.length > 50) continue;
      for (const u of users) {
        const others = users.filter(
          (o) =>
            o.vs !== u.vs &&
            scopesOverlap(
              { exportTo: strings(u.vs.spec?.exportTo), namespace: u.vs.namespace },
              { exportTo: strings(o.vs.spec?.exportTo), namespace: o.vs.namespace },
              def,
            ),
        );
        if (!others.length) continue;
        ctx.report(
          u.vs,
          ['spec', 'hosts', u.index],
          `host "${host}" is also declared by ${others.map((o) => describe(o.vs)).join(', ')} for the mesh; sidecars use only one of them`,
          {
            related: others.map((o) => ({
              resource: o.vs,
              path: ['spec', 'hosts', o.index],
              message: `${describe(o.vs)} declares "${host}"`,
            })),
          },
        );
      }
    }
  },
};
