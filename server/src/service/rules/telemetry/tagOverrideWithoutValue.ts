import type { Rule } from '../rule';
import { obj } from '../shared/values';
import { tagOverrides } from './tagOverrides';

export const tagOverrideWithoutValue: Rule = {
  code: 'tel-tag-override-without-value',
  severity: 'error',
  kinds: ['Telemetry'],
  title: 'Tag override without operation or value',
  explanation: [
    'A metrics tag override has neither `operation` nor `value`. The operation defaults to UPSERT, which sets the tag to `value`, so Istio rejects the override ("tagOverrides.value must be set when operation is UPSERT").',
    '',
    'Add a `value` (a CEL expression) to set the tag, or `operation: REMOVE` to drop it. (When `operation: UPSERT` is written out, the CRD rule reports the missing value.)',
  ].join('\n'),
  check(ctx) {
    for (const t of tagOverrides(ctx.value)) {
      const o = obj(t.value);
      if (!o) continue; // a null override is a schema error
      if (o.operation !== undefined && o.operation !== null) continue;
      if (typeof o.value === 'string' && o.value !== '') continue;
      ctx.report(
        t.path,
        `The tag override "${t.name}" has no value; it defaults to UPSERT, which needs a value. Add a value, or set operation: REMOVE.`,
      );
    }
  },
};
