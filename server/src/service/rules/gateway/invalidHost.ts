import type { Rule } from '../rule';
import { namespacedHostProblems } from '../shared/namespacedHosts';
import { list } from '../shared/values';
import { KIND, servers } from './servers';

export const invalidHost: Rule = {
  code: 'gw-invalid-host',
  severity: 'error',
  kinds: [KIND],
  title: 'Invalid server host',
  explanation: [
    'A Gateway server host has the form `[namespace/]dnsName`. Istio rejects it when:',
    '',
    '- the namespace part is not `*`, `.` or a namespace name;',
    '- the dnsName is a short name without a dot (use the fully qualified name, or `*`);',
    '- the dnsName is not a valid (wildcard) domain name or IP address;',
    '- the dnsName has a partial wildcard such as `*foo.com` (only `*` or a leading `*.` is allowed).',
  ].join('\n'),
  check(ctx) {
    for (const s of servers(ctx.value)) {
      list(s.value.hosts).forEach((h, i) => {
        if (typeof h !== 'string') return;
        const problems = namespacedHostProblems(h, true);
        if (problems.length)
          ctx.report([...s.path, 'hosts', i], `Invalid host "${h}": ${problems.join('; ')}.`, {
            on: 'value',
          });
      });
    }
  },
};
