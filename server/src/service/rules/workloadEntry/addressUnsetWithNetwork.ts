import type { Rule } from '../rule';
import { obj } from '../shared/values';

export const addressUnsetWithNetwork: Rule = {
  code: 'we-address-unset-with-network',
  severity: 'warning',
  kinds: ['WorkloadEntry'],
  title: 'WorkloadEntry without address, reached through its network',
  explanation: [
    "The WorkloadEntry has no `address` but names a `network`. Istio accepts it with a warning: the workload can only be reached through that network's gateway, and proxies in the same network cannot reach it directly.",
    '',
    'Set `address` if the workload is directly reachable.',
  ].join('\n'),
  check(ctx) {
    const spec = obj(ctx.value.spec);
    if (!spec || !(spec.address === undefined || spec.address === null || spec.address === '')) return;
    if (typeof spec.network !== 'string' || spec.network === '') return;
    ctx.report(
      ['spec', 'network'],
      `spec.address is not set, so this workload is only reachable through network "${spec.network}".`,
    );
  },
};
