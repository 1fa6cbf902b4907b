import type { Fix } from '../../types';
import { insertFieldFix } from '../shared/safeEdits';
import type { Rule, RuleContext } from '../rule';
import { obj } from '../shared/values';
import { actionOf, hasNoRules, KIND } from './policy';

/** Adds `rules:` with one empty rule `- {}` under spec (block style), or replaces an empty `rules` value. */
function addEmptyRule(ctx: RuleContext): Fix | undefined {
  const title = 'Add an empty rule `{}` so the policy applies to every request';
  if (obj(ctx.value.spec)?.rules !== undefined) return ctx.fix.replaceValue(['spec', 'rules'], '[{}]', title);
  const fix = insertFieldFix(ctx, ['spec'], 'rules', '[{}]', title);
  const edit = fix?.edits[0];
  const m = edit ? /^(\n?)( *)rules: \[\{\}\]\n$/.exec(edit.newText) : null;
  if (!fix || !edit || !m) return fix;
  return { ...fix, edits: [{ ...edit, newText: `${m[1]}${m[2]}rules:\n${m[2]}- {}\n` }] };
}

export const actionWithoutRules: Rule = {
  code: 'ap-action-without-rules',
  severity: 'error',
  kinds: [KIND],
  title: 'DENY or CUSTOM policy without rules',
  explanation: [
    'An AuthorizationPolicy with `action: DENY` or `action: CUSTOM` has no `rules`. A rule is what makes such a policy trigger, so without any it would never deny or delegate anything, and Istio rejects it as meaningless.',
    '',
    '(An ALLOW policy without rules is different: it is valid and denies every request.)',
    '',
    'To apply the policy to every request, add one empty rule: `rules: [{}]`. Otherwise add rules that say which requests it applies to.',
  ].join('\n'),
  check(ctx) {
    const action = actionOf(ctx.value);
    if ((action !== 'DENY' && action !== 'CUSTOM') || !hasNoRules(ctx.value)) return;
    ctx.report(
      ['spec', 'action'],
      `spec.rules is empty, so this ${action} policy never triggers. Add an empty rule {} to apply it to every request, or add rules that select requests.`,
      { on: 'value', fixes: [addEmptyRule(ctx)] },
    );
  },
};
