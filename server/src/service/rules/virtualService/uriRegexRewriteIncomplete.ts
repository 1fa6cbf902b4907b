import type { Rule } from '../rule';
import { routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, obj } from '../shared/values';

export const uriRegexRewriteIncomplete: Rule = {
  code: 'vs-uri-regex-rewrite-incomplete',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'uriRegexRewrite needs both match and rewrite',
  explanation: [
    '`rewrite.uriRegexRewrite` rewrites the path by replacing what the regex `match` finds with `rewrite` (which may use `\\1`-style groups). Istio rejects it unless both are set and non-empty ("UriRegexRewrite requires both Rewrite and Match fields to be specified").',
    '',
    'For example `uriRegexRewrite: {match: "^/service/([^/]+)(/.*)$", rewrite: "\\\\2"}`.',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) {
      const rw = obj(r.value.rewrite);
      const rr = obj(rw?.uriRegexRewrite);
      if (!rw || !rr) continue;
      if (typeof rw.uri === 'string' && rw.uri !== '') continue;
      const missing = ['match', 'rewrite'].filter((k) => typeof rr[k] !== 'string' || rr[k] === '');
      if (missing.length === 0) continue;
      const at = [...r.path, 'rewrite', 'uriRegexRewrite'];
      ctx.report(
        at,
        `${fieldPath(at)}: both match and rewrite must be set and non-empty (missing: ${missing.join(', ')}).`,
      );
    }
  },
};
