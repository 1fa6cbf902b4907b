import type { Rule } from '../rule';
import { headerMatchNameError } from '../shared/headers';
import { matchesOf, routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, obj } from '../shared/values';

export const headerMatchName: Rule = {
  code: 'vs-header-match-name',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Invalid header name in a match',
  explanation: [
    "A key of `match[].headers` or `match[].withoutHeaders` is not a valid HTTP header name, so Istio rejects the VirtualService. A header name must be an RFC 7230 token: letters, digits and ``!#$%&'*+-.^_`|~``, without spaces, colons or slashes.",
    '',
    'Two other forms are accepted: the pseudo-headers `:method`, `:scheme`, `:authority`, `:path` and `:status`, and JWT claims written `@request.auth.claims.<claim>` or `@request.auth.claims[<claim>]` (gateways only).',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) {
      for (const m of matchesOf(r)) {
        for (const field of ['headers', 'withoutHeaders']) {
          for (const name of Object.keys(obj(m.value[field]) ?? {})) {
            const err = headerMatchNameError(name);
            if (!err) continue;
            const at = [...m.path, field, name];
            ctx.report(at, `${fieldPath([...m.path, field])}: ${err}.`);
          }
        }
      }
    }
  },
};
