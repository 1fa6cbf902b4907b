import type { Rule } from '../rule';
import { conditions, KIND, OPERATION_FIELDS, operations, SOURCE_FIELDS, sources, strings } from './policy';

export const emptyValue: Rule = {
  code: 'ap-empty-value',
  severity: 'error',
  kinds: [KIND],
  title: 'Empty string in a match list',
  explanation: [
    "A list in `from.source`, `to.operation`, or a `when` condition's `values`/`notValues` contains an empty string. Istio rejects empty values: an empty string is never a meaningful principal, namespace, IP, host, method, path or port.",
    '',
    'Remove the empty entry, or fill in the value you meant.',
  ].join('\n'),
  check(ctx) {
    const groups = [
      ...sources(ctx.value).map((s) => ({ at: s, fields: SOURCE_FIELDS, where: 'source' })),
      ...operations(ctx.value).map((o) => ({ at: o, fields: OPERATION_FIELDS, where: 'operation' })),
      ...conditions(ctx.value).map((c) => ({ at: c, fields: ['values', 'notValues'], where: 'when' })),
    ];
    for (const { at, fields, where } of groups) {
      for (const field of fields) {
        for (const item of strings(at, field)) {
          if (item.value !== '') continue;
          ctx.report(item.path, `${where}.${field} must not contain an empty string.`, { on: 'value' });
        }
      }
    }
  },
};
