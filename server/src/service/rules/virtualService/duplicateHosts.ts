import type { Rule } from '../rule';
import { findHostOverlaps } from '../shared/hostOverlaps';
import { hostsOf, specOf } from '../shared/virtualServiceParts';
import { allHostsValid } from '../shared/vsHosts';

export const duplicateHosts: Rule = {
  code: 'vs-duplicate-hosts',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Duplicate or overlapping VirtualService hosts',
  explanation: [
    'Two entries of `spec.hosts` name the same host, or one wildcard covers the other (`*.foo.com` and `a.foo.com`, or `*.com` and `*.foo.com`). Istio rejects the VirtualService ("duplicate hosts in virtual service"): the routes would be attached to the same host twice.',
    '',
    'Keep only the broader entry (or only the specific one, if that is what you meant). Istio only runs this check when every host is otherwise valid.',
  ].join('\n'),
  check(ctx) {
    const spec = specOf(ctx);
    if (!allHostsValid(spec)) return;
    // Linear: each host is compared with the earlier ones through maps, and reported once.
    for (const { later: b, earlier: a } of findHostOverlaps(hostsOf(spec), (h) => h.host)) {
      const how = a.host === b.host ? 'is listed twice' : `overlaps with "${a.host}"`;
      ctx.report(
        ['spec', 'hosts', b.index],
        `spec.hosts[${b.index}]: "${b.host}" ${how}; each host may appear only once in a VirtualService.`,
        {
          on: 'value',
          related: [{ path: ['spec', 'hosts', a.index], on: 'value', message: `"${a.host}" is listed here` }],
        },
      );
    }
  },
};
