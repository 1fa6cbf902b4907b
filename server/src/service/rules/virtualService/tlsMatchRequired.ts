import type { Rule } from '../rule';
import { routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath } from '../shared/values';

export const tlsMatchRequired: Rule = {
  code: 'vs-tls-match-required',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'TLS route without match',
  explanation: [
    'A `tls` route has an empty `match` list. Istio rejects it ("TLS route must have at least one match condition"): TLS routes select traffic by SNI, so each needs at least one match with `sniHosts`.',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'tls')) {
      if (!Array.isArray(r.value.match) || r.value.match.length > 0) continue;
      const at = [...r.path, 'match'];
      ctx.report(at, `${fieldPath(at)}: a TLS route needs at least one match (with sniHosts).`);
    }
  },
};
