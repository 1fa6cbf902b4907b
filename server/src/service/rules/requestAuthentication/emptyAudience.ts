import type { Rule } from '../rule';
import { list } from '../shared/values';
import { jwtRules, KIND } from './jwtRules';

export const emptyAudience: Rule = {
  code: 'ra-empty-audience',
  severity: 'error',
  kinds: [KIND],
  title: 'Empty audience',
  explanation: [
    '`jwtRules[].audiences` lists the `aud` values a token may carry. Istio rejects an empty string in the list, since no token audience can match it. Remove the entry or write the audience you meant.',
  ].join('\n'),
  check(ctx) {
    for (const r of jwtRules(ctx.value)) {
      list(r.value.audiences).forEach((a, i) => {
        if (a === '') ctx.report([...r.path, 'audiences', i], 'jwtRules.audiences must not contain an empty string.', { on: 'value' });
      });
    }
  },
};
