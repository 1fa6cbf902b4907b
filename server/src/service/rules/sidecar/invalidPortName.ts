import type { Rule } from '../rule';
import { validatePortName } from '../shared/ports';
import { allListeners, KIND } from './listeners';

export const invalidPortName: Rule = {
  code: 'sc-invalid-port-name',
  severity: 'error',
  kinds: [KIND],
  title: 'Invalid listener port name',
  explanation: [
    "A Sidecar listener's `port.name` is optional, but when given it must be a DNS label: letters, digits and `-`, starting and ending with a letter or digit, at most 63 characters. Istio rejects other names.",
  ].join('\n'),
  check(ctx) {
    for (const l of allListeners(ctx.value)) {
      const name = l.port?.name;
      if (typeof name !== 'string' || name === '') continue;
      const problem = validatePortName(name);
      if (problem)
        ctx.report([...l.path, 'port', 'name'], `${l.side}[${l.index}].port.name: ${problem}.`, {
          on: 'value',
        });
    }
  },
};
