import type { Rule } from '../rule';
import { KIND, operations, strings } from './policy';
import { portProblem } from './valueChecks';

export const invalidPort: Rule = {
  code: 'ap-invalid-port',
  severity: 'error',
  kinds: [KIND],
  title: 'Invalid port in an operation',
  explanation: [
    '`to.operation.ports` and `notPorts` are lists of strings, each a decimal port number up to 65535 (for example `"8080"`). Istio rejects names, ranges and signs.',
  ].join('\n'),
  check(ctx) {
    for (const o of operations(ctx.value)) {
      for (const field of ['ports', 'notPorts']) {
        for (const item of strings(o, field)) {
          const problem = portProblem(item.value);
          if (problem) ctx.report(item.path, `operation.${field}: ${problem}.`, { on: 'value' });
        }
      }
    }
  },
};
