import type { Rule } from '../rule';
import { localitySettingsOf } from '../shared/locality';
import { drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, isObj, list, obj } from '../shared/values';

export const localityDistributeWeights: Rule = {
  code: 'dr-locality-distribute-weights',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'localityLbSetting.distribute weights must be 1..100 and add up to 100',
  explanation: [
    'Each `localityLbSetting.distribute` entry says how traffic from one locality (`from`) is spread over others (`to`), as percentages. Istio rejects the DestinationRule when a weight in `to` is not between 1 and 100 ("locality weight must be in range [1, 100]"), or when the weights of one entry do not add up to exactly 100 ("total locality weight ... != 100").',
  ].join('\n'),
  check(ctx) {
    for (const l of localitySettingsOf(drSpecOf(ctx))) {
      list(l.value.distribute).forEach((d, i) => {
        const to = isObj(d) ? obj(d.to) : undefined;
        if (!to) return;
        const base = [...l.path, 'distribute', i, 'to'];
        let total = 0;
        for (const [loc, w] of Object.entries(to)) {
          if (typeof w !== 'number') return;
          if (w <= 0 || w > 100) {
            const at = [...base, loc];
            ctx.report(at, `${fieldPath(at)}: the weight ${w} must be in the range 1..100.`, { on: 'value' });
            return;
          }
          total += w;
        }
        if (total !== 100)
          ctx.report(
            base,
            `${fieldPath(base)}: the weights add up to ${total}; they must add up to exactly 100.`,
          );
      });
    }
  },
};
