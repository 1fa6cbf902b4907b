import type { Rule } from '../rule';
import { firstKeyPath } from '../shared/anchor';
import { itemsOf, routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, obj } from '../shared/values';

export const corsOrigin: Rule = {
  code: 'vs-cors-origin',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Empty CORS allowOrigins entry',
  explanation: [
    'An entry of `corsPolicy.allowOrigins` has no value: it needs a non-empty `exact`, `prefix` or `regex`. Istio rejects the VirtualService ("... is not a valid match type for CORS allow origins").',
    '',
    'For example `- exact: https://example.com`, or `- regex: "https://.*\\\\.example\\\\.com"`.',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) {
      for (const o of itemsOf(obj(r.value.corsPolicy), 'allowOrigins', [...r.path, 'corsPolicy'])) {
        const kind = ['exact', 'prefix', 'regex'].find(
          (k) => o.value[k] !== undefined && o.value[k] !== null,
        );
        const value = kind ? o.value[kind] : '';
        if (typeof value !== 'string' || value !== '') continue;
        const at = kind ? [...o.path, kind] : firstKeyPath(ctx, o.path);
        ctx.report(
          at,
          `${fieldPath(o.path)}: an allowed origin needs a non-empty exact, prefix or regex value.`,
          kind ? { on: 'value' } : undefined,
        );
      }
    }
  },
};
