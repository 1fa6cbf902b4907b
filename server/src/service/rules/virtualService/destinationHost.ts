import type { Rule } from '../rule';
import { validateWildcardDomain } from '../shared/hostnames';
import { destinationsOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath } from '../shared/values';

export const destinationHost: Rule = {
  code: 'vs-destination-host',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Invalid destination host',
  explanation: [
    "A `destination.host` (in `route`, `mirror` or `mirrors`) is not a valid service name, so Istio rejects the VirtualService. It must be a DNS name: a short name such as `reviews` (resolved in the VirtualService's namespace) or a full one such as `reviews.prod.svc.cluster.local`. A wildcard is allowed only as (the start of) the first label, and `*` alone is not allowed.",
    '',
    "IP addresses are not valid destinations; to send traffic to an IP, declare it in a ServiceEntry and use the ServiceEntry's host.",
  ].join('\n'),
  check(ctx) {
    for (const d of destinationsOf(specOf(ctx))) {
      const h = d.value.host;
      if (typeof h !== 'string') continue;
      const err = h === '*' ? 'the destination host cannot be "*"' : validateWildcardDomain(h);
      if (!err) continue;
      const at = [...d.path, 'host'];
      ctx.report(at, `${fieldPath(at)}: ${err}.`, { on: 'value' });
    }
  },
};
