import type { Rule } from '../rule';
import { namespacedHostProblems } from '../shared/namespacedHosts';
import { list } from '../shared/values';
import { egressOf, KIND } from './listeners';

export const invalidEgressHost: Rule = {
  code: 'sc-invalid-egress-host',
  severity: 'error',
  kinds: [KIND],
  title: 'Invalid egress host',
  explanation: [
    'Egress hosts have the form `namespace/dnsName`:',
    '',
    "- the namespace is `*` (any), `.` (the Sidecar's own), `~` (none) or a namespace name;",
    '- the dnsName is `*` or a fully qualified name, optionally starting with `*.`; short names without a dot and partial wildcards such as `*foo.com` are rejected.',
    '',
    'For example: `./*`, `istio-system/*`, `*/api.example.com`.',
  ].join('\n'),
  check(ctx) {
    for (const l of egressOf(ctx.value)) {
      list(l.value.hosts).forEach((h, i) => {
        if (typeof h !== 'string') return;
        const problems = namespacedHostProblems(h, false);
        if (problems.length)
          ctx.report([...l.path, 'hosts', i], `Invalid egress host "${h}": ${problems.join('; ')}.`, {
            on: 'value',
          });
      });
    }
  },
};
