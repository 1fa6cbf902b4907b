import type { Rule } from '../rule';
import { specOf } from '../shared/virtualServiceParts';
import { checkSniHosts } from '../shared/vsHosts';
import { fieldPath } from '../shared/values';

export const sniHost: Rule = {
  code: 'vs-sni-host',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Invalid SNI host',
  explanation: [
    'An entry of `tls[].match[].sniHosts` is not a valid host name, so Istio rejects the VirtualService. SNI hosts follow the same rules as VirtualService hosts: DNS labels of letters, digits and `-`, with a wildcard only as (the start of) the first label, for example `*.example.com`. Unless the VirtualService lists `mesh` among its gateways, the generated `outbound_.<port>_._.<host>` form is also accepted.',
  ].join('\n'),
  check(ctx) {
    for (const s of checkSniHosts(specOf(ctx))) {
      if (s.error) ctx.report(s.path, `${fieldPath(s.path)}: ${s.error}.`, { on: 'value' });
    }
  },
};
