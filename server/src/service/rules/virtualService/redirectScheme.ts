import type { Rule } from '../rule';
import { routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, obj } from '../shared/values';

export const redirectScheme: Rule = {
  code: 'vs-redirect-scheme',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'redirect.scheme is not http or https',
  explanation: [
    '`redirect.scheme` replaces the URL scheme. Istio only accepts `http` and `https`, in lower case (\'invalid redirect scheme, must be "http" or "https"\').',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) {
      const s = obj(r.value.redirect)?.scheme;
      if (typeof s !== 'string' || s === '' || s === 'http' || s === 'https') continue;
      const at = [...r.path, 'redirect', 'scheme'];
      const lower = s.trim().toLowerCase();
      ctx.report(at, `${fieldPath(at)}: "${s}" is not a valid redirect scheme; use "http" or "https".`, {
        on: 'value',
        fixes:
          lower === 'http' || lower === 'https'
            ? [ctx.fix.replaceValue(at, lower, `Use ${lower}`)]
            : undefined,
      });
    }
  },
};
