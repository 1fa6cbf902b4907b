import type { Rule } from '../rule';
import { localitySettingsOf } from '../shared/locality';
import { drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, list } from '../shared/values';
import { removeFieldFix } from '../shared/safeEdits';

export const localityDistributeAndFailover: Rule = {
  code: 'dr-locality-distribute-and-failover',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'localityLbSetting sets both distribute and failover',
  explanation: [
    "`localityLbSetting.distribute` spreads traffic across localities by fixed weights, while `failover` sends traffic to the local locality first and fails over in order. They are two different modes, and Istio rejects a setting that uses both (\"can not simultaneously specify 'distribute' and 'failover'\").",
    '',
    'Keep one of them.',
  ].join('\n'),
  check(ctx) {
    for (const l of localitySettingsOf(drSpecOf(ctx))) {
      if (list(l.value.distribute).length === 0 || list(l.value.failover).length === 0) continue;
      const d = [...l.path, 'distribute'];
      const f = [...l.path, 'failover'];
      ctx.report(d, `${fieldPath(d)} cannot be combined with failover; keep only one of them.`, {
        related: [{ path: f, message: 'failover is set here' }],
        fixes: [removeFieldFix(ctx, d, 'Remove distribute'), removeFieldFix(ctx, f, 'Remove failover')],
      });
    }
  },
};
