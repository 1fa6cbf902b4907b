import type { Rule } from '../rule';
import { KIND, portsOf } from './entry';

export const duplicatePortName: Rule = {
  code: 'se-duplicate-port-name',
  severity: 'error',
  kinds: [KIND],
  title: 'Two ports with the same name',
  explanation: [
    'Endpoints refer to ServiceEntry ports by name, so each `ports[].name` must be unique. Istio rejects a repeated name ("port name already defined"). (Repeated port numbers are reported by the CRD rules.)',
  ].join('\n'),
  check(ctx) {
    const seen = new Map<string, number>();
    for (const p of portsOf(ctx.value)) {
      const name = p.value.name;
      if (typeof name !== 'string') continue;
      const first = seen.get(name);
      if (first === undefined) {
        seen.set(name, p.index);
        continue;
      }
      ctx.report([...p.path, 'name'], `The port name "${name}" is already used by ports[${first}].`, {
        on: 'value',
        related: [{ path: ['spec', 'ports', first, 'name'], message: 'first used here', on: 'value' }],
      });
    }
  },
};
