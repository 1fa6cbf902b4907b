import type { Rule } from '../rule';
import { egressOf, KIND } from './listeners';

export const egressNoHosts: Rule = {
  code: 'sc-egress-no-hosts',
  severity: 'error',
  kinds: [KIND],
  title: 'Egress listener without hosts',
  explanation: [
    'Each egress listener lists the services it makes reachable in `hosts` (`namespace/dnsName`, for example `./*` or `istio-system/*`). Istio rejects an empty list ("egress listener must contain at least one host").',
  ].join('\n'),
  check(ctx) {
    for (const l of egressOf(ctx.value)) {
      if (!Array.isArray(l.value.hosts) || l.value.hosts.length > 0) continue;
      ctx.report(
        [...l.path, 'hosts'],
        `egress[${l.index}].hosts must list at least one host, for example "./*".`,
      );
    }
  },
};
