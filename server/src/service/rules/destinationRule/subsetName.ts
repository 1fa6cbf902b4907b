import type { Rule } from '../rule';
import { isDns1123Label } from '../shared/hostnames';
import { drSpecOf } from '../shared/trafficPolicies';
import { isObj, list } from '../shared/values';

export const subsetName: Rule = {
  code: 'dr-subset-name',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'Invalid subset name',
  explanation: [
    'A subset `name` is empty or not a DNS label, so Istio rejects the DestinationRule ("subset name cannot be empty" / "subset name is invalid"). Subset names are referenced from VirtualService destinations and must use letters, digits and `-` only, at most 63 characters, starting and ending with a letter or digit: for example `v1` or `canary`.',
  ].join('\n'),
  check(ctx) {
    list(drSpecOf(ctx)?.subsets).forEach((s, i) => {
      if (!isObj(s) || typeof s.name !== 'string') return;
      const name = s.name;
      if (isDns1123Label(name)) return;
      const why =
        name === ''
          ? 'a subset name cannot be empty'
          : `"${name}" is not a valid subset name (a DNS label: letters, digits and '-', at most 63 characters)`;
      ctx.report(['spec', 'subsets', i, 'name'], `spec.subsets[${i}].name: ${why}.`, { on: 'value' });
    });
  },
};
