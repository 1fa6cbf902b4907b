import type { Rule } from '../rule';
import { firstKeyPath } from '../shared/anchor';
import { reachability } from '../shared/reachability';
import { specOf } from '../shared/virtualServiceParts';

export const ineffectiveMatch: Rule = {
  code: 'IST0131',
  severity: 'information',
  kinds: ['VirtualService'],
  title: 'VirtualService match is never used (VirtualServiceIneffectiveMatch)',
  explanation: [
    'Routes of a VirtualService are tried in order and the first matching one wins. This match can never be the first: an earlier match takes all of its requests. Istio accepts the VirtualService but warns, and `istioctl analyze` reports IST0131 VirtualServiceIneffectiveMatch.',
    '',
    'Two cases are detected, as Istio does:',
    '',
    '- the match is an exact copy of an earlier one (its `name` is ignored);',
    '- an earlier `uri.prefix` match is a prefix of this one (for example `/api` before `/api/v2`) with the same port and compatible method, authority, headers, query parameters and withoutHeaders. A missing method counts as `exact: GET`.',
    '',
    'Put the more specific match first (the longer prefix before the shorter one), or remove the duplicate.',
  ].join('\n'),
  check(ctx) {
    const spec = specOf(ctx);
    for (const kind of ['http', 'tls', 'tcp'] as const) {
      for (const f of reachability(spec, kind)) {
        if (f.code !== 'IST0131') continue;
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
