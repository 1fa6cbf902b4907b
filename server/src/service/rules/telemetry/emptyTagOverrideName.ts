import type { Rule } from '../rule';
import { tagOverrides } from './tagOverrides';

export const emptyTagOverrideName: Rule = {
  code: 'tel-empty-tag-override-name',
  severity: 'warning',
  kinds: ['Telemetry'],
  title: 'Tag override with an empty name',
  explanation: [
    'The keys of `metrics[].overrides[].tagOverrides` name the metric tags (labels) to change. An empty name refers to no tag; Istio accepts it with a warning ("tagOverrides.name may not be empty"). Use the tag name you meant, for example `request_protocol`.',
  ].join('\n'),
  check(ctx) {
    for (const t of tagOverrides(ctx.value)) {
      if (t.name === '')
        ctx.report(t.path, 'A tag override name must not be empty: name the metric tag to change.');
    }
  },
};
