import type { Rule } from '../rule';
import { localitySettingsOf } from '../shared/locality';
import { drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, list } from '../shared/values';

const TOPOLOGY = [
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'topology.istio.io/subzone',
];

export const localityFailoverPriorityTopology: Rule = {
  code: 'dr-locality-failover-priority-topology',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'failoverPriority uses a topology label together with failover',
  explanation: [
    "When `localityLbSetting.failover` is set, it already defines how to fail over between regions, zones and subzones. Istio rejects a `failoverPriority` that also lists `topology.kubernetes.io/region`, `topology.kubernetes.io/zone` or `topology.istio.io/subzone` (\"can not simultaneously set 'failover' and topology label ... in 'failover_priority'\").",
    '',
    'Remove the topology label from `failoverPriority` (other labels, such as `topology.istio.io/network`, are fine), or drop `failover` and express the order with `failoverPriority` alone.',
  ].join('\n'),
  check(ctx) {
    for (const l of localitySettingsOf(drSpecOf(ctx))) {
      if (list(l.value.failover).length === 0) continue;
      const prio = list(l.value.failoverPriority);
      const i = prio.findIndex((p) => typeof p === 'string' && TOPOLOGY.includes(p));
      if (i < 0) continue;
      const at = [...l.path, 'failoverPriority', i];
      ctx.report(
        at,
        `${fieldPath(at)}: "${String(prio[i])}" cannot be used in failoverPriority when failover is set.`,
        {
          on: 'value',
          related: [{ path: [...l.path, 'failover'], message: 'failover is set here' }],
        },
      );
    }
  },
};
