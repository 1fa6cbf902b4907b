import type { Rule } from '../rule';
import { validateWildcardDomain } from '../shared/hostnames';
import { drSpecOf } from '../shared/trafficPolicies';

export const host: Rule = {
  code: 'dr-host',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'Invalid DestinationRule host',
  explanation: [
    "`spec.host` is not a valid service name, so Istio rejects the DestinationRule. It must be a DNS name: a short name such as `reviews` (resolved in the rule's namespace), a full name such as `reviews.prod.svc.cluster.local`, or a wildcard such as `*.example.com` (a wildcard only as, or at the start of, the first label).",
    '',
    'IP addresses are not accepted: declare the IP in a ServiceEntry and use its host.',
  ].join('\n'),
  check(ctx) {
    const h = drSpecOf(ctx)?.host;
    if (typeof h !== 'string') return;
    const err = validateWildcardDomain(h);
    if (err) ctx.report(['spec', 'host'], `spec.host: ${err}.`, { on: 'value' });
  },
};
