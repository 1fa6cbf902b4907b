import type { Rule } from '../rule';
import { validateFqdn } from '../shared/hostnames';
import { list } from '../shared/values';
import { hostsOf, KIND, resolutionOf, specOf } from './entry';

export const dnsHostNotFqdn: Rule = {
  code: 'se-dns-host-not-fqdn',
  severity: 'error',
  kinds: [KIND],
  title: 'DNS resolution of a wildcard host without endpoints',
  explanation: [
    'With `resolution: DNS` or `DNS_ROUND_ROBIN` and no `endpoints`, the proxy resolves the hosts themselves, so each must be a real, fully qualified name. Istio rejects wildcard hosts in that case.',
    '',
    'List `endpoints` to resolve instead, or use `resolution: DYNAMIC_DNS` (for wildcards) or `NONE`.',
  ].join('\n'),
  check(ctx) {
    const resolution = resolutionOf(ctx.value);
    if (resolution !== 'DNS' && resolution !== 'DNS_ROUND_ROBIN') return;
    if (list(specOf(ctx.value).endpoints).length > 0) return;
    for (const { host, index } of hostsOf(ctx.value)) {
      if (host === '*' || !validateFqdn(host)) continue;
      ctx.report(
        ['spec', 'hosts', index],
        `With resolution ${resolution} and no endpoints, hosts must be fully qualified names without wildcards, but "${host}" is not.`,
        {
          on: 'value',
        },
      );
    }
  },
};
