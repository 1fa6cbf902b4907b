import type { Rule } from '../rule';
import { KIND, sources, strings } from './policy';
import { serviceAccountProblem } from './valueChecks';

export const invalidServiceAccount: Rule = {
  code: 'ap-invalid-service-account',
  severity: 'error',
  kinds: [KIND],
  title: 'Malformed service account in a source',
  explanation: [
    "`serviceAccounts` and `notServiceAccounts` entries name a Kubernetes service account as `name` (in the policy's namespace) or `namespace/name`. Istio rejects wildcards, more than one `/`, and an empty part on either side of the `/`.",
    '',
    'Write the exact service account, for example `bookinfo/productpage`. To match several, list them, or use `principals` (which accepts wildcards) instead.',
  ].join('\n'),
  check(ctx) {
    for (const s of sources(ctx.value)) {
      for (const field of ['serviceAccounts', 'notServiceAccounts']) {
        for (const item of strings(s, field)) {
          const problem = serviceAccountProblem(item.value);
          if (problem) ctx.report(item.path, `source.${field}: ${problem}.`, { on: 'value' });
        }
      }
    }
  },
};
