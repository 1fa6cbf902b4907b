import type { Rule } from '../rule';
import { firstKeyPath } from '../shared/anchor';
import { routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, list } from '../shared/values';

export const tcpRouteRequired: Rule = {
  code: 'vs-tcp-route-required',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'TCP route without destinations',
  explanation: [
    'A `tcp` route has no `route` destinations. Istio rejects the VirtualService ("TCP route is required"): unlike HTTP routes, TCP routes cannot redirect or answer directly, so they must forward to at least one destination.',
    '',
    'Add `route: [{destination: {host: ...}}]` to the tcp route.',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'tcp')) {
      if (list(r.value.route).length > 0) continue;
      const at = Array.isArray(r.value.route) ? [...r.path, 'route'] : firstKeyPath(ctx, r.path);
      ctx.report(at, `${fieldPath(r.path)}: a TCP route needs at least one destination in route.`);
    }
  },
};
