import type { Rule } from '../rule';
import { localitySettingsOf } from '../shared/locality';
import { drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, isObj, list } from '../shared/values';

export const localityFailoverRegions: Rule = {
  code: 'dr-locality-failover-regions',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'Invalid locality failover entry',
  explanation: [
    'Each `localityLbSetting.failover` entry says which region (`to`) takes over when the endpoints of a region (`from`) are unhealthy. Istio rejects an entry when `from` and `to` are the same ("must specify different regions"), when either contains `/` (failover works on regions only, not zones), or when either contains `*`.',
  ].join('\n'),
  check(ctx) {
    for (const l of localitySettingsOf(drSpecOf(ctx))) {
      list(l.value.failover).forEach((f, i) => {
        if (!isObj(f)) return;
        const from = typeof f.from === 'string' ? f.from : '';
        const to = typeof f.to === 'string' ? f.to : '';
        const base = [...l.path, 'failover', i];
        const problems: string[] = [];
        if (from === to) problems.push('from and to must be different regions');
        if (from.includes('/') || to.includes('/'))
          problems.push('failover only takes regions, without "/zone"');
        if (from.includes('*') || to.includes('*')) problems.push('regions cannot contain the "*" wildcard');
        if (problems.length === 0) return;
        const at = f.from !== undefined ? [...base, 'from'] : [...base, 'to'];
        ctx.report(at, `${fieldPath(base)}: ${problems.join('; ')}.`);
      });
    }
  },
};
