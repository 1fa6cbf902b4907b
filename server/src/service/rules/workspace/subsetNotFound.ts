import { visibleTo } from '../../workspace/resolve';
import { strings } from '../../workspace/resolver';
import { describe, destinations, subsetNames } from './refs';
import type { WorkspaceRule } from './rule';

/**
 * IST0101 for subsets. The subset is missing only when the DestinationRule Istio would apply for the
 * VirtualService's clients is in the workspace and does not define it. With no DestinationRule in
 * sight the subset is unknown, not missing.
 */
export const subsetNotFound: WorkspaceRule = {
  id: 'vs-subset-not-found',
  code: 'IST0101',
  severity: 'error',
  reads: ['VirtualService', 'DestinationRule', 'ServiceEntry'],
  title: 'A route names a subset that its DestinationRule does not define',
  explanation:
    'Istio looks the subset up in the DestinationRule it applies to the host for the calling namespace: the one in that namespace, then the one in the service namespace, then the root namespace. Requests routed to a subset that rule does not define fail with 503. Add the subset to the DestinationRule, or fix the name.',
  check(ctx) {
    const r = ctx.resolver;
    for (const vs of ctx.each('VirtualService')) {
      // The clients: the VirtualService's own namespace when it is visible there, else the first export.
      const exportTo = strings(vs.spec?.exportTo);
      let client = vs.namespace;
      if (!visibleTo(exportTo, vs.namespace, vs.namespace, r.mesh.defaultVirtualServiceExportTo)) {
        const other = exportTo?.find((e) => e !== '.' && e !== '~' && e !== '*');
        if (!other) continue;
        client = other;
      }
      for (const d of destinations(vs)) {
        if (!d.subset) continue;
        const host = r.fqdn(d.host, vs.namespace);
        const se = r.serviceEntryListing(host);
        const chosen = r.destinationRule(host, client, se?.namespace);
        const what = d.mirror ? 'mirror subset' : 'subset';
        if (!chosen) {
          if (r.destinationRulesComplete())
            ctx.report(
              vs,
              [...d.path, 'subset'],
              `${what} "${d.subset}": no DestinationRule for host "${host}" defines subsets`,
            );
          else
            ctx.unresolved(
              vs,
              [...d.path, 'subset'],
              `The DestinationRule for host "${host}" (${what} "${d.subset}")`,
            );
          continue;
        }
        const defined = chosen.rules.flatMap((dr) => subsetNames(dr).map((s) => ({ dr, ...s })));
        if (defined.some((s) => s.name === d.subset)) continue;
        const names = [...new Set(defined.map((s) => s.name))];
        ctx.report(
          vs,
          [...d.path, 'subset'],
          `${what} "${d.subset}" is not defined by ${chosen.rules.map(describe).join(', ')} for host "${host}"` +
            (names.length
              ? ` (it defines ${names.map((n) => `"${n}"`).join(', ')})`
              : ' (it defines no subsets)'),
          {
            related: chosen.rules.map((dr) => ({
              resource: dr,
              path: subsetNames(dr).length ? ['spec', 'subsets'] : ['spec', 'host'],
              message: `${describe(dr)} applies to "${host}" for namespace ${client}`,
              on: 'key' as const,
            })),
            data: {
              subset: d.subset,
              host,
              destinationRule: { uri: chosen.rules[0].uri, name: chosen.rules[0].name },
            },
          },
        );
      }
    }
  },
};
