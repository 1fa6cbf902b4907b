import type { Rule } from '../rule';
import { list, namespaceOf } from '../shared/values';
import { egressOf, KIND } from './listeners';

export const duplicateEgressHost: Rule = {
  code: 'sc-duplicate-egress-host',
  severity: 'warning',
  kinds: [KIND],
  title: 'Repeated or overlapping egress host',
  explanation: [
    'Within one egress listener, a host is listed twice, or is already covered by a `<namespace>/*` entry, or `*/*` (everything) is combined with other hosts. Istio accepts this with a warning ("duplicated egress host"); the extra entries have no effect. Remove them.',
  ].join('\n'),
  check(ctx) {
    const own = namespaceOf(ctx.value);
    for (const l of egressOf(ctx.value)) {
      const byNs = new Map<string, Set<string>>();
      list(l.value.hosts).forEach((h, i) => {
        if (typeof h !== 'string') return;
        const slash = h.indexOf('/');
        if (slash < 0) return;
        let ns = h.slice(0, slash);
        const svc = h.slice(slash + 1);
        if (ns === '.' && own) ns = own;
        const seen = byNs.get(ns) ?? new Set<string>();
        byNs.set(ns, seen);
        const duplicate = svc === '*' ? seen.size > 0 : seen.has(svc) || seen.has('*');
        if (duplicate) {
          ctx.report(
            [...l.path, 'hosts', i],
            `The egress host "${h}" repeats or overlaps an earlier host of this listener.`,
            { on: 'value' },
          );
        }
        seen.add(svc);
      });
      if (byNs.get('*')?.has('*') && byNs.size > 1) {
        ctx.report(
          [...l.path, 'hosts'],
          `egress[${l.index}].hosts has "*/*", which selects everything, together with other hosts.`,
        );
      }
    }
  },
};
