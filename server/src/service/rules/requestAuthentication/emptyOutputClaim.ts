import type { Rule } from '../rule';
import { list, obj } from '../shared/values';
import { jwtRules, KIND } from './jwtRules';

export const emptyOutputClaim: Rule = {
  code: 'ra-empty-output-claim',
  severity: 'error',
  kinds: [KIND],
  title: 'outputClaimToHeaders entry with an empty claim',
  explanation: [
    'Each `outputClaimToHeaders` entry copies a token claim into a request header, so it needs both a `claim` and a `header`. Istio rejects an entry whose `claim` is empty. (The header name format is checked by the CRD schema.)',
  ].join('\n'),
  check(ctx) {
    for (const r of jwtRules(ctx.value)) {
      list(r.value.outputClaimToHeaders).forEach((e, i) => {
        if (obj(e)?.claim !== '') return;
        ctx.report([...r.path, 'outputClaimToHeaders', i, 'claim'], 'jwtRules.outputClaimToHeaders[].claim must not be empty: name the claim to copy.', {
          on: 'value',
        });
      });
    }
  },
};
