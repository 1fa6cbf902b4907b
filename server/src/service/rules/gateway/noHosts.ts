import type { Rule } from '../rule';
import { KIND, servers } from './servers';

export const noHosts: Rule = {
  code: 'gw-no-hosts',
  severity: 'error',
  kinds: [KIND],
  title: 'Server without hosts',
  explanation: [
    'Each Gateway server must list at least one host it serves (or `"*"` for all). Istio rejects a server with an empty `hosts` list.',
  ].join('\n'),
  check(ctx) {
    for (const s of servers(ctx.value)) {
      if (!Array.isArray(s.value.hosts) || s.value.hosts.length > 0) continue;
      ctx.report(
        [...s.path, 'hosts'],
        'This server needs at least one host, for example "example.com" or "*".',
        {
          fixes: [ctx.fix.replaceValue([...s.path, 'hosts'], '["*"]', 'Serve all hosts ("*")', false)],
        },
      );
    }
  },
};
