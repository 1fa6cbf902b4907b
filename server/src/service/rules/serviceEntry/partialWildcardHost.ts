import type { Rule } from '../rule';
import { validatePartialWildcard } from '../shared/hostnames';
import { hostsOf, KIND, resolutionOf } from './entry';

export const partialWildcardHost: Rule = {
  code: 'se-partial-wildcard-host',
  severity: 'warning',
  kinds: [KIND],
  title: 'Partial wildcard host',
  explanation: [
    'A host such as `*foo.com` has a wildcard that is not a whole label. Istio accepts it with a warning, but host matching treats wildcards as whole labels, so it may not match what you expect. Use `*.foo.com` (or list the names).',
    '',
    'With `resolution: DYNAMIC_DNS` partial wildcards are expected and not warned about.',
  ].join('\n'),
  check(ctx) {
    if (resolutionOf(ctx.value) === 'DYNAMIC_DNS') return;
    for (const { host, index } of hostsOf(ctx.value)) {
      if (host === '*') continue;
      const problem = validatePartialWildcard(host);
      if (problem) ctx.report(['spec', 'hosts', index], `spec.hosts[${index}]: ${problem}.`, { on: 'value' });
    }
  },
};
