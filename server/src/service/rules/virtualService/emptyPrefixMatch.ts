import type { Rule } from '../rule';
import { matchesOf, routesOf, specOf, stringMatchesOf } from '../shared/virtualServiceParts';
import { fieldPath } from '../shared/values';

export const emptyPrefixMatch: Rule = {
  code: 'vs-empty-prefix-match',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Empty prefix match on a header, query parameter, scheme, method or authority',
  explanation: [
    'A string match uses `prefix: ""`. Istio rejects this for `headers`, `withoutHeaders`, `queryParams`, `scheme`, `method` and `authority` ("prefix string match should not be empty"): Envoy\'s string matcher requires a non-empty prefix. Only `uri` accepts an empty prefix.',
    '',
    'To match any value of a header, use `regex: ".*"` (for a header that must be present); for `withoutHeaders`, `regex: "*"` means "the header is present". Otherwise give a real prefix, or remove the condition.',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) {
      for (const m of matchesOf(r)) {
        for (const sm of stringMatchesOf(m)) {
          if (sm.where === 'uri' || sm.value.prefix !== '') continue;
          const at = [...sm.path, 'prefix'];
          ctx.report(
            at,
            `${fieldPath(at)}: a prefix match on ${sm.where} cannot be empty (only uri allows an empty prefix).`,
          );
        }
      }
    }
  },
};
