import { wildcardMatch } from '../../workspace/resolve';
import { itemsOf } from '../shared/virtualServiceParts';
import { list, obj } from '../shared/values';
import type { WorkspaceRule } from './rule';
import { clusterBasis } from './basis';

/** IST0101: an AuthorizationPolicy source namespace (or notNamespace) that matches no Namespace. */
export const authorizationPolicyNamespace: WorkspaceRule = {
  id: 'ap-namespace-not-found',
  code: 'IST0101',
  severity: 'error',
  reads: ['AuthorizationPolicy', 'Namespace'],
  title: 'An AuthorizationPolicy source namespace matches no Namespace',
  explanation:
    'A `from.source.namespaces` or `notNamespaces` entry (with `*` prefix or suffix wildcards) that matches no Namespace never matches a request, which usually means a typo. Fix the name, or create the Namespace.',
  check(ctx) {
    const known = [...ctx.resolver.namespaces()];
    const complete = ctx.resolver.complete('Namespace');
    for (const ap of ctx.each('AuthorizationPolicy')) {
      for (const rule of itemsOf(ap.spec, 'rules', ['spec'])) {
        for (const from of itemsOf(rule.value, 'from', rule.path)) {
          const source = obj(from.value.source);
          for (const field of ['namespaces', 'notNamespaces']) {
            list(source?.[field]).forEach((ns, i) => {
              if (typeof ns !== 'string' || ns === '*') return;
              if (known.some((k) => wildcardMatch(ns, k))) return;
              const path = [...from.path, 'source', field, i];
              if (complete)
                ctx.report(ap, path, `${field} entry "${ns}" matches no Namespace`, {
                  related: clusterBasis(
                    ctx,
                    ap,
                    path,
                    ['Namespace'],
                    `none of the ${known.length} namespaces matches "${ns}"`,
                  ),
                });
              else ctx.unresolved(ap, path, `Namespace "${ns}"`);
            });
          }
        }
      }
    }
  },
};
