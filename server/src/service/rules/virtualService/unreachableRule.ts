import type { Rule } from '../rule';
import { firstKeyPath } from '../shared/anchor';
import { reachability } from '../shared/reachability';
import { specOf } from '../shared/virtualServiceParts';

export const unreachableRule: Rule = {
  code: 'IST0130',
  severity: 'warning',
  kinds: ['VirtualService'],
  title: 'VirtualService rule is never used (VirtualServiceUnreachableRule)',
  explanation: [
    'Routes of a VirtualService are tried in order and the first one that matches wins. This rule can never win, so it has no effect. Istio accepts the VirtualService but warns, and `istioctl analyze` reports IST0130 VirtualServiceUnreachableRule. The reasons are:',
    '',
    '- **only the last rule can have no matches**: an earlier rule without `match` already catches every request;',
    '- **route without matches defined before**: same cause, for a rule that has matches;',
    '- **all matches used by prior rules**: each of its matches repeats a match of an earlier rule (match `name` is ignored).',
    '',
    'Move the catch-all rule (the one without `match`) to the end, and remove or change matches that repeat earlier ones.',
  ].join('\n'),
  check(ctx) {
    const spec = specOf(ctx);
    for (const kind of ['http', 'tls', 'tcp'] as const) {
      for (const f of reachability(spec, kind)) {
        if (f.code !== 'IST0130') continue;
        const rel = f.related;
        ctx.report(f.item ? firstKeyPath(ctx, f.path) : f.path, f.message, {
          related: rel
            ? [{ path: rel.item ? firstKeyPath(ctx, rel.path) : rel.path, message: rel.message }]
            : undefined,
        });
      }
    }
  },
};
