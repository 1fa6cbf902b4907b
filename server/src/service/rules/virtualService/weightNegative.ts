import type { Rule } from '../rule';
import { itemsOf, routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, num } from '../shared/values';

export const weightNegative: Rule = {
  code: 'vs-weight-negative',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Negative route weight',
  explanation: [
    'A `route[].weight` is negative. Istio rejects the VirtualService ("weight ... < 0"). Weights are relative shares of the traffic: use 0 or a positive number. They do not need to add up to 100.',
  ].join('\n'),
  check(ctx) {
    for (const kind of ['http', 'tls', 'tcp'] as const) {
      for (const r of routesOf(specOf(ctx), kind)) {
        for (const d of itemsOf(r.value, 'route', r.path)) {
          const w = num(d.value.weight);
          if (w === undefined || w >= 0) continue;
          const at = [...d.path, 'weight'];
          ctx.report(at, `${fieldPath(at)}: a weight cannot be negative (it is ${w}).`, { on: 'value' });
        }
      }
    }
  },
};
