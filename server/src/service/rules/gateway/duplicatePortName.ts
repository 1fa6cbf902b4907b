import type { Rule } from '../rule';
import { KIND, servers } from './servers';

export const duplicatePortName: Rule = {
  code: 'gw-duplicate-port-name',
  severity: 'error',
  kinds: [KIND],
  title: 'Two servers use the same port name',
  explanation: [
    'Each server\'s `port.name` must be unique within the Gateway; Istio uses it to tell the servers apart and rejects repeats ("port names in servers must be unique"). Two servers may share a port number, but they need different names.',
  ].join('\n'),
  check(ctx) {
    const seen = new Map<string, number>();
    for (const s of servers(ctx.value)) {
      const name = s.port?.name;
      if (typeof name !== 'string') continue;
      const first = seen.get(name);
      if (first === undefined) {
        seen.set(name, s.path[2] as number);
        continue;
      }
      ctx.report(
        [...s.path, 'port', 'name'],
        `The port name "${name}" is already used by servers[${first}]; port names must be unique across servers.`,
        {
          on: 'value',
          related: [
            { path: ['spec', 'servers', first, 'port', 'name'], message: 'first used here', on: 'value' },
          ],
        },
      );
    }
  },
};
