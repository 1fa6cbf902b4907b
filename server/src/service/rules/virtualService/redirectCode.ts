import type { Rule } from '../rule';
import { routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, num, obj } from '../shared/values';

export const redirectCode: Rule = {
  code: 'vs-redirect-code',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'redirectCode is not a 3xx status',
  explanation: [
    '`redirect.redirectCode` is the status sent with the redirect. Istio rejects codes outside 300..399 ("... is not a valid redirect code, must be 3xx"). Leave it out for the default, 301.',
    '',
    'Common values: `301` (moved permanently), `302` (found), `307` and `308` (keep the method and body).',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) {
      const code = num(obj(r.value.redirect)?.redirectCode);
      if (code === undefined || code === 0 || (code >= 300 && code <= 399)) continue;
      const at = [...r.path, 'redirect', 'redirectCode'];
      ctx.report(at, `${fieldPath(at)}: ${code} is not a valid redirect code; use a 3xx status (300..399).`, {
        on: 'value',
      });
    }
  },
};
