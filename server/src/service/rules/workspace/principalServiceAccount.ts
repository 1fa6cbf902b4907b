import { list, obj } from '../shared/values';
import { itemsOf } from '../shared/virtualServiceParts';
import type { WorkspaceRule } from './rule';
import { clusterBasis } from './basis';

/**
 * Kiali's cross check: an AuthorizationPolicy principal `<trust domain>/ns/<ns>/sa/<sa>` names a
 * ServiceAccount that is not in the workspace. Without a cluster this is unknown, not missing.
 */
export const principalServiceAccount: WorkspaceRule = {
  id: 'ap-principal-service-account',
  code: 'IST0101',
  severity: 'error',
  reads: ['AuthorizationPolicy', 'ServiceAccount'],
  title: 'An AuthorizationPolicy principal names a ServiceAccount that does not exist',
  explanation:
    'A principal `cluster.local/ns/<namespace>/sa/<service account>` matches the workloads that run as that ServiceAccount. When it does not exist, the rule matches nothing. Fix the name.',
  check(ctx) {
    const r = ctx.resolver;
    const td = r.mesh.trustDomain;
    for (const ap of ctx.each('AuthorizationPolicy'))
      for (const rule of itemsOf(ap.spec, 'rules', ['spec']))
        for (const from of itemsOf(rule.value, 'from', rule.path))
          list(obj(from.value.source)?.principals).forEach((p, i) => {
            if (typeof p !== 'string' || p.includes('*')) return;
            const m = /^([^/]+)\/ns\/([^/]+)\/sa\/([^/]+)$/.exec(p);
            if (!m || (m[1] !== td && m[1] !== 'cluster.local')) return;
            if (m[3] === 'default') return;
            const lookup = r.serviceAccount(m[2], m[3]);
            if (lookup.status === 'found') return;
            const path = [...from.path, 'source', 'principals', i];
            if (lookup.status === 'missing')
              ctx.report(ap, path, `principal "${p}": ServiceAccount ${m[2]}/${m[3]} was not found`, {
                related: clusterBasis(
                  ctx,
                  ap,
                  path,
                  ['ServiceAccount'],
                  `no ServiceAccount ${m[3]} in namespace ${m[2]}`,
                ),
              });
            else ctx.unresolved(ap, path, `ServiceAccount "${m[2]}/${m[3]}"`);
          });
  },
};
