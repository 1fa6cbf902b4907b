import type { Rule } from '../rule';
import { specOf } from '../shared/virtualServiceParts';
import { checkHosts } from '../shared/vsHosts';

export const hostName: Rule = {
  code: 'vs-host',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Invalid VirtualService host',
  explanation: [
    'An entry of `spec.hosts` is not a valid host name, so Istio rejects the VirtualService. A host must be:',
    '',
    '- a DNS name made of labels (letters, digits and `-`, at most 63 characters each, 255 in total), such as `reviews` or `reviews.prod.svc.cluster.local`;',
    '- optionally with a wildcard as (or at the start of) the **first** label only: `*`, `*.example.com`, `*-api.example.com`;',
    '- or an IP address.',
    '',
    'The last label cannot be all digits unless the whole host is an IP. When the VirtualService is bound only to gateways and has TLS SNI matches, the generated `outbound_.<port>_._.<host>` form is also accepted.',
  ].join('\n'),
  check(ctx) {
    for (const h of checkHosts(specOf(ctx))) {
      if (h.error)
        ctx.report(['spec', 'hosts', h.index], `spec.hosts[${h.index}]: ${h.error}.`, { on: 'value' });
    }
  },
};
