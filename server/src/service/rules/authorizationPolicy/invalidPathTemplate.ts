import type { Rule } from '../rule';
import { KIND, operations, strings } from './policy';
import { pathTemplateProblem } from './valueChecks';

export const invalidPathTemplate: Rule = {
  code: 'ap-invalid-path-template',
  severity: 'error',
  kinds: [KIND],
  title: 'Unsupported path template',
  explanation: [
    '`paths` and `notPaths` may use two templates: `{*}` matches exactly one path segment and `{**}` matches the rest of the path. Istio rejects a path that:',
    '',
    '- puts anything after `{**}` that is itself a template (`{**}` must be the last operator);',
    '- uses `{` or `}` in any other way, such as named variables (`{id}`) or `{*}` inside a segment (`/a{*}`);',
    '- in a templated path, has a segment with characters that are not allowed in URL paths (for example `*`, spaces, or an empty segment from `//`).',
    '',
    'For example, `/api/{*}/items/{**}` is valid.',
  ].join('\n'),
  check(ctx) {
    for (const o of operations(ctx.value)) {
      for (const field of ['paths', 'notPaths']) {
        for (const item of strings(o, field)) {
          const problem = pathTemplateProblem(item.value);
          if (problem) ctx.report(item.path, `operation.${field}: ${problem}.`, { on: 'value' });
        }
      }
    }
  },
};
