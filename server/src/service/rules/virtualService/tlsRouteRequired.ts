import type { Rule } from '../rule';
import { firstKeyPath } from '../shared/anchor';
import { routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, list } from '../shared/values';

export const tlsRouteRequired: Rule = {
  code: 'vs-tls-route-required',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'TLS route without destinations',
  explanation: [
    'A `tls` route has no `route` destinations. Istio rejects the VirtualService ("TLS route is required"): unlike HTTP routes, TLS routes cannot redirect or answer directly, so they must forward to at least one destination.',
    '',
    'Add `route: [{destination: {host: ...}}]` to the tls route.',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'tls')) {
      if (list(r.value.route).length > 0) continue;
      const at = Array.isArray(r.value.route) ? [...r.path, 'route'] : firstKeyPath(ctx, r.path);
      ctx.report(at, `${fieldPath(r.path)}: a TLS route needs at least one destination in route.`);
    }
  },
};
