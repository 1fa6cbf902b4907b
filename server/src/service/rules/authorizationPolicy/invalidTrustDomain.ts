import type { Rule } from '../rule';
import { KIND, sources, strings } from './policy';
import { trustDomainProblem } from './valueChecks';

export const invalidTrustDomain: Rule = {
  code: 'ap-invalid-trust-domain',
  severity: 'error',
  kinds: [KIND],
  title: 'Malformed trust domain in a source',
  explanation: [
    '`trustDomains` and `notTrustDomains` entries are trust domain names such as `cluster.local`. Istio accepts one `*` wildcard at the start or the end (`*.example.com`, `prod-*`), and rejects values with more wildcards, a wildcard in the middle, or a `/`.',
  ].join('\n'),
  check(ctx) {
    for (const s of sources(ctx.value)) {
      for (const field of ['trustDomains', 'notTrustDomains']) {
        for (const item of strings(s, field)) {
          const problem = trustDomainProblem(item.value);
          if (problem) ctx.report(item.path, `source.${field}: ${problem}.`, { on: 'value' });
        }
      }
    }
  },
};
