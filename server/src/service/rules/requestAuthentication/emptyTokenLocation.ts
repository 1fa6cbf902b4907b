import type { Rule } from '../rule';
import { list, obj } from '../shared/values';
import { jwtRules, KIND } from './jwtRules';

export const emptyTokenLocation: Rule = {
  code: 'ra-empty-token-location',
  severity: 'error',
  kinds: [KIND],
  title: 'Empty token location',
  explanation: [
    '`fromHeaders`, `fromParams` and `fromCookies` tell Istio where to look for the token. Istio rejects a header entry with an empty `name`, and an empty string in `fromParams` or `fromCookies`, since there is nothing to look up.',
  ].join('\n'),
  check(ctx) {
    for (const r of jwtRules(ctx.value)) {
      list(r.value.fromHeaders).forEach((h, i) => {
        if (obj(h)?.name === '') {
          ctx.report([...r.path, 'fromHeaders', i, 'name'], 'jwtRules.fromHeaders[].name must not be empty.', { on: 'value' });
        }
      });
      for (const field of ['fromParams', 'fromCookies']) {
        list(r.value[field]).forEach((v, i) => {
          if (v === '') ctx.report([...r.path, field, i], `jwtRules.${field} must not contain an empty string.`, { on: 'value' });
        });
      }
    }
  },
};
