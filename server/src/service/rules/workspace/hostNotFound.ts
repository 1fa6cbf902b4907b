import { serviceOfHost } from '../../workspace/resolve';
import { destinations, describe } from './refs';
import type { WorkspaceRule } from './rule';
import { clusterBasis } from './basis';

/**
 * IST0101 for destination hosts: the host matches no Service or ServiceEntry visible from the
 * VirtualService's namespace. A host written `name.namespace` is not expanded by Istio; when a
 * Service of that name exists there, the finding names the FQDN that was probably meant.
 */
export const hostNotFound: WorkspaceRule = {
  id: 'vs-host-not-found',
  code: 'IST0101',
  severity: 'error',
  reads: ['VirtualService', 'Service', 'ServiceEntry'],
  title: 'A route destination host matches no Service or ServiceEntry',
  explanation:
    'A destination host is resolved in the VirtualService namespace: a short name becomes `name.<namespace>.svc.<cluster domain>`, and a name with a dot is taken as it is. When no Service or ServiceEntry visible to that namespace has that host, requests fail. Use the full service name, or add a ServiceEntry for an external host.',
  check(ctx) {
    const r = ctx.resolver;
    for (const vs of ctx.each('VirtualService')) {
      for (const d of destinations(vs)) {
        if (d.host === '*' || d.host.startsWith('*')) continue;
        const host = r.fqdn(d.host, vs.namespace);
        const lookup = r.services(host, vs.namespace);
        if (lookup.status === 'found') continue;
        const path = [...d.path, 'host'];
        const parts = d.host.split('.');
        if (parts.length === 2 && !serviceOfHost(host, r.domain)) {
          const meant = r.services(`${parts[0]}.${parts[1]}.svc.${r.domain}`, vs.namespace);
          if (meant.status === 'found') {
            const fq = `${parts[0]}.${parts[1]}.svc.${r.domain}`;
            ctx.report(
              vs,
              path,
              `host "${d.host}" is taken literally by Istio (only names without a dot are expanded) and matches no Service; did you mean "${fq}"?`,
              {
                severity: 'warning',
                related: meant.targets.map((t) => ({
                  resource: t,
                  path: ['metadata', 'name'],
                  message: describe(t),
                })),
                data: { replacement: fq },
              },
            );
            continue;
          }
        }
        const what = d.mirror ? 'mirror host' : 'host';
        if (lookup.status === 'missing')
          ctx.report(
            vs,
            path,
            `${what} "${host}" matches no Service or ServiceEntry visible from namespace ${vs.namespace}`,
            {
              related: clusterBasis(
                ctx,
                vs,
                path,
                ['Service', 'ServiceEntry'],
                `no Service or ServiceEntry with host ${host} is visible from namespace ${vs.namespace}`,
              ),
            },
          );
        else ctx.unresolved(vs, path, `Service or ServiceEntry "${host}"`);
      }
    }
  },
};
