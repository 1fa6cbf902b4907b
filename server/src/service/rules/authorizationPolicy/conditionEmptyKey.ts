import type { Rule } from '../rule';
import { conditions, KIND } from './policy';

export const conditionEmptyKey: Rule = {
  code: 'ap-condition-empty-key',
  severity: 'error',
  kinds: [KIND],
  title: 'Condition with an empty key',
  explanation: [
    'A `when` condition has `key: ""`. The key names the request attribute to test, such as `request.headers[x-user]` or `source.ip`, so Istio rejects an empty one.',
  ].join('\n'),
  check(ctx) {
    for (const c of conditions(ctx.value)) {
      if (c.value.key !== '') continue;
      ctx.report(
        [...c.path, 'key'],
        'when.key must not be empty: name the attribute to test, for example source.ip.',
        { on: 'value' },
      );
    }
  },
};
