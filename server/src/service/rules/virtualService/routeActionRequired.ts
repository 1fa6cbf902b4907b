import type { Rule } from '../rule';
import { firstKeyPath } from '../shared/anchor';
import { fieldSet } from '../shared/httpRouteConflict';
import { isDelegateVs, routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, isSet } from '../shared/values';

export const routeActionRequired: Rule = {
  code: 'vs-route-action-required',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'HTTP route has no route, redirect or directResponse',
  explanation: [
    'An HTTP route must say what to do with the requests it matches: forward them (`route`), redirect them (`redirect`), answer them (`directResponse`), or hand them to a delegate VirtualService (`delegate`). This one does none of these, so Istio rejects the VirtualService ("HTTP route, redirect or direct_response is required").',
    '',
    'Add a `route` with at least one destination, for example:',
    '',
    '```yaml',
    '- match: ...',
    '  route:',
    '  - destination:',
    '      host: reviews',
    '```',
  ].join('\n'),
  check(ctx) {
    const spec = specOf(ctx);
    const delegateVs = isDelegateVs(spec);
    for (const r of routesOf(spec, 'http')) {
      if (!delegateVs && isSet(r.value, 'delegate')) continue;
      if (isSet(r.value, 'redirect') || isSet(r.value, 'directResponse') || fieldSet(r.value, 'route'))
        continue;
      const where = Array.isArray(r.value.route) ? [...r.path, 'route'] : firstKeyPath(ctx, r.path);
      ctx.report(
        where,
        `${fieldPath(r.path)}: the HTTP route needs a route (with at least one destination), a redirect or a directResponse.`,
      );
    }
  },
};
