import type { Rule } from '../rule';
import { blocksOf, drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, isObj, list, obj } from '../shared/values';

export const cookieAttributeName: Rule = {
  code: 'dr-cookie-attribute-name',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'Empty or duplicate httpCookie attribute name',
  explanation: [
    'Each entry of `consistentHash.httpCookie.attributes` adds an attribute to the cookie Envoy generates, so it needs a `name`, and names must be unique. Istio rejects empty and repeated attribute names.',
  ].join('\n'),
  check(ctx) {
    for (const b of blocksOf(drSpecOf(ctx), 'loadBalancer')) {
      const base = [...b.path, 'consistentHash', 'httpCookie', 'attributes'];
      const seen = new Map<string, number>();
      list(obj(obj(b.value.consistentHash)?.httpCookie)?.attributes).forEach((a, i) => {
        if (!isObj(a) || typeof a.name !== 'string') return;
        const at = [...base, i, 'name'];
        const first = seen.get(a.name);
        if (a.name === '') {
          ctx.report(at, `${fieldPath(at)}: a cookie attribute name cannot be empty.`, { on: 'value' });
        } else if (first !== undefined) {
          ctx.report(
            at,
            `${fieldPath(at)}: the cookie attribute "${a.name}" is already defined; attribute names must be unique.`,
            {
              on: 'value',
              related: [{ path: [...base, first, 'name'], on: 'value', message: 'first defined here' }],
            },
          );
        } else {
          seen.set(a.name, i);
        }
      });
    }
  },
};
