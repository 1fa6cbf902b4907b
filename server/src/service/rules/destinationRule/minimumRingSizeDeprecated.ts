import type { Fix } from '../../types';
import type { Rule } from '../rule';
import { blocksOf, drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, isSet, num, obj } from '../shared/values';

export const minimumRingSizeDeprecated: Rule = {
  code: 'dr-minimum-ring-size-deprecated',
  severity: 'warning',
  kinds: ['DestinationRule'],
  title: 'Deprecated consistentHash.minimumRingSize',
  explanation: [
    '`consistentHash.minimumRingSize` is deprecated. Istio accepts it but warns ("consistent hash MinimumRingSize is deprecated, use ConsistentHashLB\'s RingHash configuration instead").',
    '',
    'Write it as `ringHash: {minimumRingSize: N}`. The quick fix does this.',
  ].join('\n'),
  check(ctx) {
    for (const b of blocksOf(drSpecOf(ctx), 'loadBalancer')) {
      const ch = obj(b.value.consistentHash);
      const size = num(ch?.minimumRingSize);
      if (!ch || size === undefined || size === 0) continue;
      const at = [...b.path, 'consistentHash', 'minimumRingSize'];
      let fix: Fix | undefined;
      if (!isSet(ch, 'ringHash') && !isSet(ch, 'maglev')) {
        const rename = ctx.fix.renameKey(at, 'ringHash', '');
        const value = ctx.fix.replaceValue(at, `{minimumRingSize: ${size}}`, '');
        if (rename && value)
          fix = {
            title: 'Move to ringHash.minimumRingSize',
            preferred: true,
            edits: [...rename.edits, ...value.edits],
          };
      }
      ctx.report(at, `${fieldPath(at)} is deprecated; use ringHash: {minimumRingSize: ${size}} instead.`, {
        fixes: [fix],
      });
    }
  },
};
