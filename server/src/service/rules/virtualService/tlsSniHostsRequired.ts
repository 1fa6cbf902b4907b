import type { Rule } from '../rule';
import { firstKeyPath } from '../shared/anchor';
import { matchesOf, routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, list } from '../shared/values';

export const tlsSniHostsRequired: Rule = {
  code: 'vs-tls-sni-hosts-required',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'TLS match without sniHosts',
  explanation: [
    'A `tls[].match` entry has no `sniHosts`. Istio rejects it ("TLS match must have at least one SNI host"): TLS routing is based on the SNI the client sends, so each match must list at least one SNI host (one of the VirtualService hosts, or a name under one of them).',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'tls')) {
      for (const m of matchesOf(r)) {
        if (list(m.value.sniHosts).length > 0) continue;
        const at = m.value.sniHosts !== undefined ? [...m.path, 'sniHosts'] : firstKeyPath(ctx, m.path);
        ctx.report(at, `${fieldPath(m.path)}: a TLS match needs at least one SNI host in sniHosts.`);
      }
    }
  },
};
