import type { Rule } from '../rule';
import { validatePortName } from '../shared/ports';
import { KIND, portsOf } from './entry';

export const invalidPortName: Rule = {
  code: 'se-invalid-port-name',
  severity: 'error',
  kinds: [KIND],
  title: 'Invalid port name',
  explanation: [
    '`ports[].name` must be a DNS label: letters, digits and `-`, starting and ending with a letter or digit, at most 63 characters. Istio rejects other names (including an empty one). A common convention is `<protocol>[-<suffix>]`, for example `http` or `tcp-db`.',
  ].join('\n'),
  check(ctx) {
    for (const p of portsOf(ctx.value)) {
      const name = p.value.name;
      if (typeof name !== 'string') continue;
      const problem = validatePortName(name);
      if (problem) ctx.report([...p.path, 'name'], `ports[${p.index}].name: ${problem}.`, { on: 'value' });
    }
  },
};
