import type { Rule } from '../rule';
import { KIND, servers } from './servers';

export const emptyPortName: Rule = {
  code: 'gw-empty-port-name',
  severity: 'error',
  kinds: [KIND],
  title: 'Server port without a name',
  explanation: [
    'Every Gateway server port needs a `name` (unique within the Gateway, for example `http` or `https-443`). Istio rejects an empty name.',
  ].join('\n'),
  check(ctx) {
    for (const s of servers(ctx.value)) {
      if (s.port?.name !== '') continue;
      ctx.report([...s.path, 'port', 'name'], 'port.name must not be empty.', { on: 'value' });
    }
  },
};
