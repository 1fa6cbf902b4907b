import type { Rule } from '../rule';
import { routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, isSet, obj } from '../shared/values';
import { removeFieldFix } from '../shared/safeEdits';

const nonEmpty = (v: unknown): boolean => typeof v === 'string' && v !== '';

export const rewriteEmpty: Rule = {
  code: 'vs-rewrite-empty',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'rewrite does not change anything',
  explanation: [
    '`rewrite` must set at least one of `uri`, `uriRegexRewrite` or `authority`. Istio rejects an empty rewrite ("rewrite must specify at least one of URI, UriRegexRewrite, or authority").',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) {
      const rw = obj(r.value.rewrite);
      if (!rw || nonEmpty(rw.uri) || nonEmpty(rw.authority) || isSet(rw, 'uriRegexRewrite')) continue;
      const at = [...r.path, 'rewrite'];
      ctx.report(at, `${fieldPath(at)}: a rewrite must set uri, uriRegexRewrite or authority.`, {
        fixes: [removeFieldFix(ctx, at, 'Remove rewrite')],
      });
    }
  },
};
