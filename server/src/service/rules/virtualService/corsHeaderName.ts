import type { Rule } from '../rule';
import { isHeaderToken } from '../shared/headers';
import { routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, list, obj } from '../shared/values';

export const corsHeaderName: Rule = {
  code: 'vs-cors-header-name',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Invalid CORS header name',
  explanation: [
    "An entry of `corsPolicy.allowHeaders` or `corsPolicy.exposeHeaders` is not a valid header name, so Istio rejects the VirtualService. Each entry must be `*` or an HTTP header name (an RFC 7230 token: letters, digits and ``!#$%&'*+-.^_`|~``), and cannot be empty.",
    '',
    'List each header as its own entry; do not join several names with commas.',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) {
      for (const field of ['allowHeaders', 'exposeHeaders']) {
        list(obj(r.value.corsPolicy)?.[field]).forEach((h, i) => {
          if (typeof h !== 'string' || h === '*' || isHeaderToken(h)) return;
          const at = [...r.path, 'corsPolicy', field, i];
          const why =
            h === ''
              ? 'a header name cannot be empty'
              : `"${h}" is not a valid header name (use "*" or token characters: letters, digits and !#$%&'*+-.^_\`|~)`;
          ctx.report(at, `${fieldPath(at)}: ${why}.`, { on: 'value' });
        });
      }
    }
  },
};
