import type { Rule } from '../rule';
import { validateIPBlock } from '../shared/ip';
import { checkKey } from './attributes';
import { conditions, KIND, strings } from './policy';
import { portProblem, serviceAccountProblem, trustDomainProblem } from './valueChecks';

const CHECKS = {
  ip: validateIPBlock,
  port: portProblem,
  serviceAccount: (v: string) => serviceAccountProblem(v, true),
  trustDomain: trustDomainProblem,
};

export const invalidConditionValue: Rule = {
  code: 'ap-invalid-condition-value',
  severity: 'error',
  kinds: [KIND],
  title: 'Condition value of the wrong form',
  explanation: [
    'Some `when` keys take values of a specific form, and Istio rejects anything else:',
    '',
    '- `source.ip`, `remote.ip`, `destination.ip`: IP addresses or CIDR ranges;',
    '- `destination.port`: decimal port numbers up to 65535;',
    '- `source.serviceAccount`: `name` or `namespace/name`, no wildcards, at most 16 values of at most 320 characters;',
    '- `source.trustDomain`: a trust domain with at most one `*`, at the start or end, and no `/`.',
  ].join('\n'),
  check(ctx) {
    for (const c of conditions(ctx.value)) {
      const key = c.value.key;
      if (typeof key !== 'string') continue;
      const type = checkKey(key).values;
      if (!type || type === 'any') continue;
      for (const field of ['values', 'notValues']) {
        const items = strings(c, field);
        if (items.some((i) => i.value === '')) continue; // Istio stops at the empty value (ap-empty-value)
        if (type === 'serviceAccount' && items.length > 16) {
          ctx.report(
            [...c.path, field],
            `when.${field} for source.serviceAccount may list at most 16 service accounts.`,
          );
        }
        for (const item of items) {
          const problem = CHECKS[type](item.value);
          if (problem) ctx.report(item.path, `when.${field} for ${key}: ${problem}.`, { on: 'value' });
        }
      }
    }
  },
};
