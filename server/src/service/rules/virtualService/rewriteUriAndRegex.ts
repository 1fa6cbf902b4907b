import type { Rule } from '../rule';
import { routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, isSet, obj } from '../shared/values';
import { removeFieldFix } from '../shared/safeEdits';

export const rewriteUriAndRegex: Rule = {
  code: 'vs-rewrite-uri-and-regex',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'rewrite sets both uri and uriRegexRewrite',
  explanation: [
    '`rewrite.uri` replaces the matched path prefix, and `rewrite.uriRegexRewrite` rewrites the path with a regex. Istio rejects a rewrite that sets both ("rewrite may only contain one of URI or UriRegexRewrite"): only one path rewrite can apply.',
    '',
    'Keep one of them.',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) {
      const rw = obj(r.value.rewrite);
      if (!rw || typeof rw.uri !== 'string' || rw.uri === '' || !isSet(rw, 'uriRegexRewrite')) continue;
      const uri = [...r.path, 'rewrite', 'uri'];
      const regex = [...r.path, 'rewrite', 'uriRegexRewrite'];
      ctx.report(
        uri,
        `${fieldPath(uri)} cannot be combined with uriRegexRewrite; a rewrite may change the path in only one way.`,
        {
          related: [{ path: regex, message: 'uriRegexRewrite is set here' }],
          fixes: [
            removeFieldFix(ctx, uri, 'Remove uri'),
            removeFieldFix(ctx, regex, 'Remove uriRegexRewrite'),
          ],
        },
      );
    }
  },
};
