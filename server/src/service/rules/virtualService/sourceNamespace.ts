import type { Rule } from '../rule';
import { isDns1123Label } from '../shared/hostnames';
import { matchesOf, routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath } from '../shared/values';

export const sourceNamespace: Rule = {
  code: 'vs-source-namespace',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Invalid sourceNamespace',
  explanation: [
    '`match[].sourceNamespace` must be a namespace name: a DNS label of letters, digits and `-`, at most 63 characters, starting and ending with a letter or digit. Istio rejects the VirtualService otherwise ("sourceNamespace match ... is invalid").',
    '',
    'It takes a single namespace name; wildcards and lists are not supported.',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) {
      for (const m of matchesOf(r)) {
        const ns = m.value.sourceNamespace;
        if (typeof ns !== 'string' || ns === '' || isDns1123Label(ns)) continue;
        const at = [...m.path, 'sourceNamespace'];
        ctx.report(
          at,
          `${fieldPath(at)}: "${ns}" is not a valid namespace name (a DNS label: letters, digits and '-', at most 63 characters).`,
          { on: 'value' },
        );
      }
    }
  },
};
