import type { Rule } from '../rule';
import { drSpecOf } from '../shared/trafficPolicies';
import { isObj, list } from '../shared/values';

export const duplicateSubsetName: Rule = {
  code: 'dr-duplicate-subset-name',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'Duplicate subset name',
  explanation: [
    'Two subsets of the DestinationRule have the same `name`. Istio rejects it ("duplicate subset names"): a VirtualService destination refers to a subset by name, so names must be unique.',
    '',
    'Rename one of them, or merge their settings into one subset.',
  ].join('\n'),
  check(ctx) {
    const seen = new Map<string, number>();
    list(drSpecOf(ctx)?.subsets).forEach((s, i) => {
      if (!isObj(s) || typeof s.name !== 'string') return;
      const first = seen.get(s.name);
      if (first === undefined) {
        seen.set(s.name, i);
        return;
      }
      ctx.report(
        ['spec', 'subsets', i, 'name'],
        `spec.subsets[${i}].name: the subset name "${s.name}" is already used by spec.subsets[${first}]; subset names must be unique.`,
        {
          on: 'value',
          related: [{ path: ['spec', 'subsets', first, 'name'], on: 'value', message: 'first defined here' }],
        },
      );
    });
  },
};
