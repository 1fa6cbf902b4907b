import type { Rule } from '../rule';
import { fieldSet } from '../shared/httpRouteConflict';
import { isDelegateVs, routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, isSet } from '../shared/values';
import { removeFieldFix } from '../shared/safeEdits';

export const rootRouteConflict: Rule = {
  code: 'vs-root-route-conflict',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Delegating HTTP route also sets redirect or route',
  explanation: [
    'An HTTP route with `delegate` hands its requests to another VirtualService (the delegate), which decides where they go. Istio rejects such a root route if it also sets `redirect` or `route` ("root HTTP route ... must not specify redirect/route"): the decision belongs to the delegate.',
    '',
    'Remove `redirect`/`route` here and put them in the delegate VirtualService, or remove `delegate` to handle the requests in this route.',
  ].join('\n'),
  check(ctx) {
    const spec = specOf(ctx);
    if (isDelegateVs(spec)) return;
    for (const r of routesOf(spec, 'http')) {
      if (!isSet(r.value, 'delegate')) continue;
      for (const field of ['redirect', 'route']) {
        if (!fieldSet(r.value, field)) continue;
        const at = [...r.path, field];
        ctx.report(
          at,
          `${fieldPath(at)}: a route with delegate must not specify ${field}; the delegate VirtualService decides where requests go.`,
          {
            related: [{ path: [...r.path, 'delegate'], message: 'delegate is set here' }],
            fixes: [
              removeFieldFix(ctx, at, `Remove ${field}`),
              removeFieldFix(ctx, [...r.path, 'delegate'], 'Remove delegate'),
            ],
          },
        );
      }
    }
  },
};
