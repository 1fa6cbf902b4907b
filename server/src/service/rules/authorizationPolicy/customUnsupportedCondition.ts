import type { Rule } from '../rule';
import { actionOf, conditions, KIND } from './policy';

const UNSUPPORTED = new Set([
  'source.namespace',
  'source.serviceAccount',
  'source.trustDomain',
  'source.principal',
]);

export const customUnsupportedCondition: Rule = {
  code: 'ap-custom-unsupported-condition',
  severity: 'error',
  kinds: [KIND],
  title: 'Condition key not supported by a CUSTOM policy',
  explanation: [
    'A CUSTOM policy runs before peer and request authentication results are available, so its `when` conditions cannot use identity attributes. Istio rejects `source.namespace`, `source.serviceAccount`, `source.trustDomain`, `source.principal` and any `request.auth.*` key in a CUSTOM policy.',
    '',
    'Use attributes such as `request.headers[...]`, `source.ip`, `remote.ip` or `destination.port`, and let the external authorizer check identities.',
  ].join('\n'),
  check(ctx) {
    if (actionOf(ctx.value) !== 'CUSTOM') return;
    for (const c of conditions(ctx.value)) {
      const key = c.value.key;
      if (typeof key !== 'string' || !(UNSUPPORTED.has(key) || key.startsWith('request.auth.'))) continue;
      ctx.report([...c.path, 'key'], `The condition key '${key}' is not supported with action CUSTOM.`, {
        on: 'value',
        related: [{ path: ['spec', 'action'], message: 'the action is CUSTOM', on: 'value' }],
      });
    }
  },
};
