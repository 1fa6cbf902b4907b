import type { Rule } from '../rule';
import { blocksOf, drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, num, obj } from '../shared/values';

export const warmupAggression: Rule = {
  code: 'dr-warmup-aggression',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'warmup.aggression below 1',
  explanation: [
    '`loadBalancer.warmup.aggression` shapes how fast new endpoints ramp up (1 is linear, higher values ramp up more slowly at first). Istio rejects values below 1 ("aggression should be greater than or equal to 1").',
  ].join('\n'),
  check(ctx) {
    for (const b of blocksOf(drSpecOf(ctx), 'loadBalancer')) {
      const a = num(obj(b.value.warmup)?.aggression);
      if (a === undefined || a >= 1) continue;
      const at = [...b.path, 'warmup', 'aggression'];
      ctx.report(
        at,
        `${fieldPath(at)}: ${a} is below 1; the aggression must be at least 1 (1 means a linear ramp-up).`,
        {
          on: 'value',
          fixes: [ctx.fix.replaceValue(at, '1', 'Use 1')],
        },
      );
    }
  },
};
