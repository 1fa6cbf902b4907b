import type { Rule } from '../rule';
import { hasNoRules, actionOf, KIND } from './policy';
import { obj } from '../shared/values';

export const customWithoutProvider: Rule = {
  code: 'ap-custom-without-provider',
  severity: 'error',
  kinds: [KIND],
  title: 'CUSTOM policy without provider.name',
  explanation: [
    'An AuthorizationPolicy with `action: CUSTOM` hands the decision to an external authorizer, named by `provider.name`. Without a provider name Istio does not know which authorizer to call and rejects the policy.',
    '',
    'Set `provider.name` to one of the `extensionProviders` defined in the mesh config, for example:',
    '',
    '```yaml',
    'action: CUSTOM',
    'provider:',
    '  name: my-ext-authz',
    '```',
  ].join('\n'),
  check(ctx) {
    if (actionOf(ctx.value) !== 'CUSTOM' || hasNoRules(ctx.value)) return;
    const spec = obj(ctx.value.spec) ?? {};
    const provider = obj(spec.provider);
    const name = provider?.name;
    if (typeof name === 'string' && name !== '') return;
    if (typeof name === 'string') {
      ctx.report(
        ['spec', 'provider', 'name'],
        'spec.provider.name must not be empty for a CUSTOM policy: name an extension provider from the mesh config.',
        { on: 'value' },
      );
    } else if (name === undefined || name === null) {
      const at = provider ? ['spec', 'provider'] : ['spec', 'action'];
      ctx.report(
        at,
        'A CUSTOM policy needs spec.provider.name: the name of an extension provider from the mesh config.',
        {
          on: provider ? 'key' : 'value',
        },
      );
    }
  },
};
