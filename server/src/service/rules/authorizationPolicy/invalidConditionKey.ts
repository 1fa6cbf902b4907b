import { didYouMean } from '../../didYouMean';
import type { Rule } from '../rule';
import { list } from '../shared/values';
import { checkKey, KNOWN_KEYS } from './attributes';
import { conditions, KIND } from './policy';

/** Istio checks the key once per non-empty values/notValues list, after the list's empty-string check. */
function keyIsChecked(c: Record<string, unknown>): boolean {
  return ['values', 'notValues'].some((f) => {
    const values = list(c[f]);
    return values.length > 0 && !values.includes('');
  });
}

export const invalidConditionKey: Rule = {
  code: 'ap-invalid-condition-key',
  severity: 'error',
  kinds: [KIND],
  title: 'Unknown or unsupported condition key',
  explanation: [
    'A `when` condition uses a key Istio does not accept. The supported keys are:',
    '',
    '- `request.headers[<name>]`, `request.auth.claims[<name>]` and `experimental.envoy.filters.<...>[<name>]` (map style: the name goes in brackets);',
    '- `source.ip`, `remote.ip`, `source.namespace`, `source.serviceAccount`, `source.principal`, `source.trustDomain`;',
    '- `request.auth.principal`, `request.auth.audiences`, `request.auth.presenter`;',
    '- `destination.ip`, `destination.port`, `connection.sni`.',
    '',
    "`destination.namespace` and `destination.labels[...]` are no longer supported (the policy's namespace and `spec.selector` take their place), and `destination.name`/`destination.user` only existed in the old v1alpha1 API.",
  ].join('\n'),
  check(ctx) {
    for (const c of conditions(ctx.value)) {
      const key = c.value.key;
      if (typeof key !== 'string' || key === '' || !keyIsChecked(c.value)) continue;
      const { problem } = checkKey(key);
      if (!problem) continue;
      const suggestion = problem.endsWith('is not a known attribute')
        ? didYouMean(key, KNOWN_KEYS)
        : undefined;
      ctx.report(
        [...c.path, 'key'],
        `when.key: ${problem}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
        {
          on: 'value',
          data: suggestion ? { suggestion } : undefined,
          fixes: suggestion
            ? [ctx.fix.replaceValue([...c.path, 'key'], suggestion, `Change to '${suggestion}'`)]
            : [],
        },
      );
    }
  },
};
