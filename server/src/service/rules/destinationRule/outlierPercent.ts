import type { Rule } from '../rule';
import { validatePercent } from '../shared/percent';
import { blocksOf, drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, num } from '../shared/values';

export const outlierPercent: Rule = {
  code: 'dr-outlier-percent',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'outlierDetection percentage out of range',
  explanation: [
    '`outlierDetection.maxEjectionPercent` and `outlierDetection.minHealthPercent` are percentages of the hosts of the service. Istio rejects values outside 0..100 ("percentage ... is not in range 0..100").',
  ].join('\n'),
  check(ctx) {
    for (const b of blocksOf(drSpecOf(ctx), 'outlierDetection')) {
      for (const field of ['maxEjectionPercent', 'minHealthPercent']) {
        const v = num(b.value[field]);
        if (v === undefined) continue;
        const err = validatePercent(v);
        const at = [...b.path, field];
        if (err) ctx.report(at, `${fieldPath(at)}: ${err}.`, { on: 'value' });
      }
    }
  },
};
