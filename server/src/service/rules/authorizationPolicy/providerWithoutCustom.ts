import { insertFieldFix, removeFieldFix } from '../shared/safeEdits';
import type { Rule } from '../rule';
import { obj } from '../shared/values';
import { actionOf, KIND } from './policy';

export const providerWithoutCustom: Rule = {
  code: 'ap-provider-without-custom',
  severity: 'error',
  kinds: [KIND],
  title: '`provider` set on a policy whose action is not CUSTOM',
  explanation: [
    '`provider` names the external authorizer of a CUSTOM policy. On an ALLOW, DENY or AUDIT policy (and ALLOW is the default when `action` is left out) it has no meaning, and Istio rejects the policy.',
    '',
    'Either set `action: CUSTOM` to delegate to the provider, or remove `provider`.',
  ].join('\n'),
  check(ctx) {
    const spec = obj(ctx.value.spec);
    if (!spec || spec.provider === undefined || spec.provider === null) return;
    const action = actionOf(ctx.value);
    if (action === 'CUSTOM') return;
    const hasAction = spec.action !== undefined;
    ctx.report(
      ['spec', 'provider'],
      `spec.provider is only allowed with action CUSTOM, but the action is ${action}${hasAction ? '' : ' (the default)'}. Set action to CUSTOM or remove the provider.`,
      {
        related: hasAction ? [{ path: ['spec', 'action'], message: `action is ${action}`, on: 'value' }] : [],
        fixes: [
          hasAction
            ? ctx.fix.replaceValue(['spec', 'action'], 'CUSTOM', 'Set action to CUSTOM', false)
            : insertFieldFix(ctx, ['spec'], 'action', 'CUSTOM', 'Set action to CUSTOM', false),
          removeFieldFix(ctx, ['spec', 'provider'], 'Remove provider'),
        ],
      },
    );
  },
};
