import type { Rule } from '../rule';
import { specOf } from '../shared/virtualServiceParts';
import { checkSniHosts } from '../shared/vsHosts';
import { fieldPath } from '../shared/values';

export const sniHostNotInHosts: Rule = {
  code: 'vs-sni-host-not-in-hosts',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'SNI host is not covered by the VirtualService hosts',
  explanation: [
    'An SNI host of a TLS match is not one of the VirtualService `hosts` and does not fall under any of them. Istio rejects the VirtualService ("SNI host ... is not a compatible subset of any of the virtual service hosts"): a VirtualService only receives traffic for its own hosts, so this match could never apply.',
    '',
    'Add the SNI host (or a wildcard covering it, such as `*.example.com`) to `spec.hosts`, or correct the SNI host.',
  ].join('\n'),
  check(ctx) {
    const spec = specOf(ctx);
    for (const s of checkSniHosts(spec)) {
      if (!s.outsideHosts) continue;
      ctx.report(
        s.path,
        `${fieldPath(s.path)}: "${s.host}" is not one of the VirtualService hosts, nor covered by one of them; add it (or a wildcard covering it) to spec.hosts.`,
        {
          on: 'value',
          related:
            spec && Array.isArray(spec.hosts)
              ? [{ path: ['spec', 'hosts'], message: 'the VirtualService hosts' }]
              : undefined,
        },
      );
    }
  },
};
