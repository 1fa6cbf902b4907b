import type { Rule } from '../rule';
import { blocksOf, drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, obj } from '../shared/values';

export const httpCookieName: Rule = {
  code: 'dr-http-cookie-name',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'consistentHash.httpCookie without a name',
  explanation: [
    '`loadBalancer.consistentHash.httpCookie` hashes requests on a cookie, so it must name the cookie. Istio rejects an empty `name` ("name required for HttpCookie").',
  ].join('\n'),
  check(ctx) {
    for (const b of blocksOf(drSpecOf(ctx), 'loadBalancer')) {
      const cookie = obj(obj(b.value.consistentHash)?.httpCookie);
      if (cookie?.name !== '') continue;
      const at = [...b.path, 'consistentHash', 'httpCookie', 'name'];
      ctx.report(at, `${fieldPath(at)}: the cookie name cannot be empty.`, { on: 'value' });
    }
  },
};
