import type { Resource } from '../../workspace/summary';
import { describe, subsetNames } from './refs';
import type { WorkspaceRule } from './rule';

/**
 * Kiali's cross check: two DestinationRules for one host in one namespace define the same subset.
 * Istio merges them and keeps only one definition.
 */
export const duplicateSubsets: WorkspaceRule = {
  id: 'dr-subset-defined-twice',
  code: 'dr-subset-defined-twice',
  severity: 'warning',
  reads: ['DestinationRule'],
  title: 'Two DestinationRules for one host define the same subset',
  explanation:
    'Istio merges the DestinationRules of one host in one namespace. When two define a subset of the same name, only one definition is used and the other is ignored. Keep one.',
  check(ctx) {
    const r = ctx.resolver;
    const groups = new Map<string, Resource[]>();
    for (const dr of ctx.subjects('DestinationRule')) {
      const host = r.drHost(dr);
      if (!host) continue;
      const key = `${dr.namespace}|${host}`;
      groups.set(key, [...(groups.get(key) ?? []), dr]);
    }
    for (const drs of groups.values()) {
      if (drs.length < 2 || drs.length > 50) continue;
      for (const dr of drs)
        for (const s of subsetNames(dr)) {
          const others = drs.filter((o) => o !== dr && subsetNames(o).some((x) => x.name === s.name));
          if (!others.length) continue;
          ctx.report(
            dr,
            ['spec', 'subsets', s.index, 'name'],
            `subset "${s.name}" is also defined by ${others.map(describe).join(', ')} for the same host; Istio keeps only one definition`,
            {
              related: others.map((o) => ({
                resource: o,
                path: ['spec', 'subsets', subsetNames(o).find((x) => x.name === s.name)?.index ?? 0, 'name'],
                message: `${describe(o)} defines "${s.name}"`,
              })),
            },
          );
        }
    }
  },
};
