import type { Rule } from '../rule';
import { list, obj } from '../shared/values';

export const emptyCustomTagName: Rule = {
  code: 'tel-empty-custom-tag-name',
  severity: 'error',
  kinds: ['Telemetry'],
  title: 'Custom tracing tag with an empty name',
  explanation: [
    'The keys of `tracing[].customTags` are the names of the tags added to spans. Istio rejects an empty name ("tag name may not be empty"). Give the tag a name.',
  ].join('\n'),
  check(ctx) {
    list(obj(ctx.value.spec)?.tracing).forEach((t, i) => {
      const tags = obj(obj(t)?.customTags);
      if (tags && '' in tags) {
        ctx.report(
          ['spec', 'tracing', i, 'customTags', ''],
          `spec.tracing[${i}].customTags: a tag name must not be empty.`,
        );
      }
    });
  },
};
