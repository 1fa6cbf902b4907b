import type { Rule } from '../rule';
import { isDns1123Label } from '../shared/hostnames';
import { destinationsOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath } from '../shared/values';

export const destinationSubset: Rule = {
  code: 'vs-destination-subset',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Invalid destination subset name',
  explanation: [
    '`destination.subset` names a subset defined in a DestinationRule. Subset names are DNS labels: letters, digits and `-`, at most 63 characters, starting and ending with a letter or digit. Istio rejects any other value ("subset name is invalid").',
  ].join('\n'),
  check(ctx) {
    for (const d of destinationsOf(specOf(ctx))) {
      const s = d.value.subset;
      if (typeof s !== 'string' || s === '' || isDns1123Label(s)) continue;
      const at = [...d.path, 'subset'];
      ctx.report(
        at,
        `${fieldPath(at)}: "${s}" is not a valid subset name (a DNS label: letters, digits and '-', at most 63 characters).`,
        { on: 'value' },
      );
    }
  },
};
