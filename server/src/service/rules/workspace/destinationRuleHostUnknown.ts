import { str } from '../shared/values';
import type { WorkspaceRule } from './rule';
import { clusterBasis } from './basis';

/** IST0174: a DestinationRule host that matches no Service or ServiceEntry visible from its namespace. */
export const destinationRuleHostUnknown: WorkspaceRule = {
  id: 'dr-host-unknown',
  code: 'IST0174',
  severity: 'warning',
  reads: ['DestinationRule', 'Service', 'ServiceEntry'],
  title: 'A DestinationRule host matches no service',
  explanation:
    'A DestinationRule applies to traffic for its host. When no Service or ServiceEntry has that host, the rule has no effect, often because of a typo or a namespace missing from a short name.',
  check(ctx) {
    const r = ctx.resolver;
    for (const dr of ctx.each('DestinationRule')) {
      const h = str(dr.spec?.host);
      if (!h || h.startsWith('*')) continue;
      const host = r.fqdn(h, dr.namespace);
      const lookup = r.services(host, dr.namespace);
      if (lookup.status === 'found') continue;
      if (lookup.status === 'missing')
        ctx.report(
          dr,
          ['spec', 'host'],
          `host "${host}" matches no Service or ServiceEntry visible from namespace ${dr.namespace}`,
          {
            related: clusterBasis(
              ctx,
              dr,
              ['spec', 'host'],
              ['Service', 'ServiceEntry'],
              `no Service or ServiceEntry with host ${host} is visible from namespace ${dr.namespace}`,
            ),
          },
        );
      else ctx.unresolved(dr, ['spec', 'host'], `Service or ServiceEntry "${host}"`);
    }
  },
};
