import { removeFieldFix } from '../shared/safeEdits';
import type { Rule } from '../rule';
import { obj } from '../shared/values';
import { WEBHOOK_KINDS } from '../../schema/catalog';
import { actionOf } from './policy';

const ANNOTATION = 'istio.io/dry-run';
/** Values Go's strconv.ParseBool accepts. */
const BOOLEANS = ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'];

/** VALIDATION-RULES.md §0.5 applies this check to every kind the webhook validates. */
const KINDS = WEBHOOK_KINDS;

export const dryRunAnnotation: Rule = {
  code: 'dry-run-annotation',
  severity: 'error',
  kinds: KINDS,
  title: 'Misused `istio.io/dry-run` annotation',
  explanation: [
    'The `istio.io/dry-run` annotation makes an AuthorizationPolicy log its decisions without enforcing them. Istio rejects it:',
    '',
    '- on any kind other than AuthorizationPolicy;',
    '- on an AuthorizationPolicy whose action is not ALLOW or DENY (CUSTOM and AUDIT policies cannot be dry-run);',
    '- when its value is not a boolean (`"true"` or `"false"`).',
  ].join('\n'),
  check(ctx) {
    const annotations = obj(obj(ctx.value.metadata)?.annotations);
    if (!annotations || !(ANNOTATION in annotations)) return;
    const path = ['metadata', 'annotations', ANNOTATION];
    const remove = removeFieldFix(ctx, path, `Remove the ${ANNOTATION} annotation`, true);
    if (ctx.resource.kind !== 'AuthorizationPolicy') {
      ctx.report(
        path,
        `The ${ANNOTATION} annotation is only supported on AuthorizationPolicy; remove it from this ${ctx.resource.kind}.`,
        {
          fixes: [remove],
        },
      );
      return;
    }
    const action = actionOf(ctx.value);
    if (action !== 'ALLOW' && action !== 'DENY') {
      ctx.report(path, `The ${ANNOTATION} annotation only works with action ALLOW or DENY, not ${action}.`, {
        related:
          obj(ctx.value.spec)?.action !== undefined
            ? [{ path: ['spec', 'action'], message: `action is ${action}`, on: 'value' }]
            : [],
        fixes: [removeFieldFix(ctx, path, `Remove the ${ANNOTATION} annotation`, false)],
      });
      return;
    }
    const value = annotations[ANNOTATION];
    const text = typeof value === 'boolean' ? String(value) : value;
    if (typeof text === 'string' && !BOOLEANS.includes(text)) {
      ctx.report(path, `The ${ANNOTATION} annotation must be "true" or "false", not "${text}".`, {
        on: 'value',
      });
    }
  },
};
