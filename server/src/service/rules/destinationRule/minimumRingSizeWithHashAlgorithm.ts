import type { Rule } from '../rule';
import { blocksOf, drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, isSet, num, obj } from '../shared/values';
import { removeFieldFix } from '../shared/safeEdits';

export const minimumRingSizeWithHashAlgorithm: Rule = {
  code: 'dr-minimum-ring-size-conflict',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'minimumRingSize set together with ringHash or maglev',
  explanation: [
    'The deprecated `consistentHash.minimumRingSize` is set together with `ringHash` or `maglev`. Istio rejects it ("only one of MinimumRingSize or Maglev/Ringhash can be specified"): the hash algorithm settings replace the old field.',
    '',
    'Remove `minimumRingSize` (use `ringHash.minimumRingSize` if you need it), or remove the other setting.',
  ].join('\n'),
  check(ctx) {
    for (const b of blocksOf(drSpecOf(ctx), 'loadBalancer')) {
      const ch = obj(b.value.consistentHash);
      const size = num(ch?.minimumRingSize);
      if (!ch || size === undefined || size === 0) continue;
      const other = ['ringHash', 'maglev'].find((k) => isSet(ch, k));
      if (!other) continue;
      const at = [...b.path, 'consistentHash', 'minimumRingSize'];
      const otherPath = [...b.path, 'consistentHash', other];
      ctx.report(at, `${fieldPath(at)} cannot be combined with ${other}; keep only one of them.`, {
        related: [{ path: otherPath, message: `${other} is set here` }],
        fixes: [
          removeFieldFix(ctx, at, 'Remove minimumRingSize'),
          removeFieldFix(ctx, otherPath, `Remove ${other}`),
        ],
      });
    }
  },
};
