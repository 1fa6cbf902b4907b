import { removeFieldFix } from '../shared/safeEdits';
import type { Rule } from '../rule';
import { actionOf, CUSTOM_UNSUPPORTED_SOURCE_FIELDS, hasEntries, KIND, sources } from './policy';

export const customUnsupportedSource: Rule = {
  code: 'ap-custom-unsupported-source',
  severity: 'error',
  kinds: [KIND],
  title: 'Source field not supported by a CUSTOM policy',
  explanation: [
    'A CUSTOM policy is evaluated before the request is authenticated with mTLS identities or JWTs, so it cannot match on who the peer or the request principal is. Istio rejects a CUSTOM policy whose `from.source` uses `namespaces`, `serviceAccounts`, `trustDomains`, `principals` or `requestPrincipals` (or their `not` forms).',
    '',
    'Match on `ipBlocks`, `remoteIpBlocks`, `to.operation` or `when` conditions that do not depend on identity instead, and let the external authorizer check the identity.',
  ].join('\n'),
  check(ctx) {
    if (actionOf(ctx.value) !== 'CUSTOM') return;
    for (const source of sources(ctx.value)) {
      for (const field of CUSTOM_UNSUPPORTED_SOURCE_FIELDS) {
        if (!hasEntries(source.value, field)) continue;
        ctx.report([...source.path, field], `source.${field} is not supported with action CUSTOM.`, {
          related: [{ path: ['spec', 'action'], message: 'the action is CUSTOM', on: 'value' }],
          fixes: [removeFieldFix(ctx, [...source.path, field], `Remove ${field}`)],
        });
      }
    }
  },
};
