import type { PathSegment } from '../../yaml/nodes';
import type { Rule } from '../rule';
import { validateRegex } from '../shared/regex';
import { itemsOf, matchesOf, routesOf, specOf, stringMatchesOf } from '../shared/virtualServiceParts';
import { fieldPath, obj } from '../shared/values';

export const invalidRegex: Rule = {
  code: 'vs-invalid-regex',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Invalid or empty regex',
  explanation: [
    'A regular expression is not accepted by Istio. This applies to `regex` string matches (uri, scheme, method, authority, headers, withoutHeaders, queryParams), CORS `allowOrigins[].regex` and `rewrite.uriRegexRewrite.match`. Istio rejects the VirtualService when the regex:',
    '',
    '- is empty (`regex: ""`);',
    '- is longer than 1024 bytes ("regex is too large");',
    '- does not compile as an RE2 regex. RE2 (used by Go and Envoy) has no look-ahead/look-behind (`(?=`, `(?!`, `(?<=`) and no backreferences (`\\1`).',
    '',
    'Rewrite the pattern without those constructs; see the RE2 syntax reference in the google/re2 repository. In `withoutHeaders`, `regex: "*"` is accepted and means "the header is present".',
  ].join('\n'),
  check(ctx) {
    const report = (at: PathSegment[], err: string): void =>
      ctx.report(at, `${fieldPath(at)}: ${err}.`, { on: 'value' });
    for (const r of routesOf(specOf(ctx), 'http')) {
      for (const m of matchesOf(r)) {
        for (const sm of stringMatchesOf(m)) {
          const re = sm.value.regex;
          if (typeof re !== 'string') continue;
          if (sm.where === 'withoutHeaders' && re === '*') continue;
          const err = re === '' ? 'a regex match cannot be empty' : validateRegex(re);
          if (err) report([...sm.path, 'regex'], err);
        }
      }
      const cors = obj(r.value.corsPolicy);
      for (const o of itemsOf(cors, 'allowOrigins', [...r.path, 'corsPolicy'])) {
        const re = o.value.regex;
        if (typeof re !== 'string' || re === '') continue;
        const err = validateRegex(re);
        if (err) report([...o.path, 'regex'], err);
      }
      const rr = obj(obj(r.value.rewrite)?.uriRegexRewrite);
      if (typeof rr?.match === 'string' && rr.match !== '') {
        const err = validateRegex(rr.match);
        if (err) report([...r.path, 'rewrite', 'uriRegexRewrite', 'match'], err);
      }
    }
  },
};
