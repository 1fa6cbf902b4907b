import { removeFieldFix } from '../shared/safeEdits';
import type { Rule } from '../rule';
import { obj } from '../shared/values';
import { WEBHOOK_KINDS } from '../../schema/catalog';

/** Annotations that Istio sets on objects it generates; a user may not set them. */
const RESERVED: Record<string, string> = {
  'internal.istio.io/parents': 'is reserved for objects Istio generates and may not be set by users',
  'internal.istio.io/parent-namespace': 'is reserved for objects Istio generates and may not be set by users',
  'internal.istio.io/webhook-always-reject': 'makes the validating webhook reject the object',
};

/** VALIDATION-RULES.md §0.5 applies this check to every kind the webhook validates. */
const KINDS = WEBHOOK_KINDS;

export const internalAnnotation: Rule = {
  code: 'internal-annotation',
  severity: 'error',
  kinds: KINDS,
  title: 'Reserved `internal.istio.io` annotation',
  explanation: [
    "Annotations under `internal.istio.io/` are set by Istio itself on the objects it generates (for example from Gateway API resources). Istio's webhook rejects `internal.istio.io/parents` and `internal.istio.io/parent-namespace` on user objects, and always rejects an object carrying `internal.istio.io/webhook-always-reject`.",
    '',
    'Remove the annotation.',
  ].join('\n'),
  check(ctx) {
    const annotations = obj(obj(ctx.value.metadata)?.annotations);
    if (!annotations) return;
    for (const [name, why] of Object.entries(RESERVED)) {
      if (!(name in annotations)) continue;
      const path = ['metadata', 'annotations', name];
      ctx.report(path, `The annotation ${name} ${why}; remove it.`, {
        fixes: [removeFieldFix(ctx, path, `Remove ${name}`, true)],
      });
    }
  },
};
