import type { Rule } from '../rule';
import { specOf } from '../shared/virtualServiceParts';
import { checkSniHosts } from '../shared/vsHosts';
import { fieldPath } from '../shared/values';

export const sniHostIp: Rule = {
  code: 'vs-sni-host-ip',
  severity: 'warning',
  kinds: ['VirtualService'],
  title: 'IP address used as an SNI host',
  explanation: [
    'An entry of `tls[].match[].sniHosts` is an IP address. Istio accepts it but warns ("using an IP address ... goes against SNI spec and most clients do not support this"): the TLS SNI extension carries host names only, so most clients never send an IP there and the match will not apply.',
    '',
    'Match on the host name the clients use. To route by destination IP, use `destinationSubnets` instead.',
  ].join('\n'),
  check(ctx) {
    for (const s of checkSniHosts(specOf(ctx))) {
      if (!s.ip) continue;
      ctx.report(
        s.path,
        `${fieldPath(s.path)}: "${s.host}" is an IP address; SNI carries host names, and most clients do not send an IP there. Match on a host name, or use destinationSubnets.`,
        { on: 'value' },
      );
    }
  },
};
