import type { Rule } from '../rule';
import { routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, isObj, list, num } from '../shared/values';

export const totalWeightZero: Rule = {
  code: 'vs-total-weight-zero',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Route destinations have a total weight of 0',
  explanation: [
    'A route has several destinations but their weights add up to 0 (a missing weight counts as 0), so no destination would get traffic. Istio rejects the VirtualService ("total destination weight = 0").',
    '',
    'Give the destinations weights. They are relative shares and do not need to add up to 100: `weight: 1` on each splits traffic evenly. With a single destination, the weight can be left out.',
  ].join('\n'),
  check(ctx) {
    for (const kind of ['http', 'tls', 'tcp'] as const) {
      for (const r of routesOf(specOf(ctx), kind)) {
        const dests = list(r.value.route);
        if (dests.length < 2) continue;
        const total = dests.reduce<number>((sum, d) => sum + (isObj(d) ? (num(d.weight) ?? 0) : 0), 0);
        if (total !== 0) continue;
        const at = [...r.path, 'route'];
        ctx.report(
          at,
          `${fieldPath(at)}: the ${dests.length} destinations have a total weight of 0; give them weights (relative shares, they need not add up to 100).`,
        );
      }
    }
  },
};
