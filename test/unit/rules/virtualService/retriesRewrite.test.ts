import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { runCases, VS, vs } from '../applyFix';

/** A route whose first key (line VS + 2) is `first`, followed by a route to reviews. */
const routeWith = (first: string): string =>
  vs(
    `  hosts: [reviews]\n  http:\n  - ${first.trimStart()}    route:\n    - destination:\n        host: reviews\n`,
  );

runCases([
  {
    code: 'vs-retry-attempts-negative',
    what: 'attempts: -1',
    valid: routeWith(
      '    retries:\n      attempts: 3\n      perTryTimeout: 2s\n      retryOn: gateway-error,connect-failure,503\n',
    ),
    invalid: routeWith('    retries:\n      attempts: -1\n'),
    line: VS + 3,
    covers: '-1',
  },
  {
    code: 'vs-retry-disabled-with-settings',
    what: 'retryOn with attempts 0',
    valid: routeWith('    retries:\n      attempts: 0\n'),
    invalid: routeWith('    retries:\n      attempts: 0\n      retryOn: 5xx\n'),
    line: VS + 4,
    covers: 'retryOn',
    fixes: ['Remove retryOn'],
  },
  {
    code: 'vs-retry-on',
    what: 'spaces after the commas',
    valid: routeWith(
      '    retries:\n      attempts: 2\n      retryOn: 5xx,reset,retriable-status-codes,429\n',
    ),
    invalid: routeWith('    retries:\n      attempts: 2\n      retryOn: 5xx, reset\n'),
    line: VS + 4,
    covers: '5xx, reset',
    fixes: ['Use "5xx,reset"'],
  },
  {
    code: 'vs-rewrite-uri-and-regex',
    what: 'uri with uriRegexRewrite',
    valid: routeWith(
      '    rewrite:\n      uriRegexRewrite:\n        match: ^/old/(.*)\n        rewrite: /new/\\1\n',
    ),
    // 2 - rewrite, 3 uri, 4 uriRegexRewrite
    invalid: routeWith(
      '    rewrite:\n      uri: /new\n      uriRegexRewrite:\n        match: ^/old/(.*)\n        rewrite: /new/\\1\n',
    ),
    line: VS + 3,
    covers: 'uri',
    fixes: ['Remove uri', 'Remove uriRegexRewrite'],
  },
  {
    code: 'vs-rewrite-empty',
    what: 'a rewrite without uri, regex or authority',
    valid: routeWith('    rewrite:\n      authority: reviews.internal\n'),
    invalid: routeWith('    rewrite:\n      uri: ""\n'),
    line: VS + 2,
    covers: 'rewrite',
    fixes: ['Remove rewrite'],
  },
  {
    code: 'vs-uri-regex-rewrite-incomplete',
    what: 'a regex rewrite without rewrite',
    valid: routeWith('    rewrite:\n      uriRegexRewrite:\n        match: ^/old\n        rewrite: /new\n'),
    invalid: routeWith('    rewrite:\n      uriRegexRewrite:\n        match: ^/old\n'),
    line: VS + 3,
    covers: 'uriRegexRewrite',
  },
]);

test('vs-retry-disabled-with-settings: a missing attempts means 0', () => {
  const text = routeWith('    retries:\n      perTryTimeout: 2s\n');
  expectDiagnostic(diagnose(text), 'vs-retry-disabled-with-settings', VS + 3, {
    text,
    covers: 'perTryTimeout',
  });
});

test('vs-retry-on: unknown status codes are rejected, known ones accepted', () => {
  expectDiagnostic(
    diagnose(routeWith('    retries:\n      attempts: 2\n      retryOn: "599"\n')),
    'vs-retry-on',
    VS + 4,
  );
  expectNone(diagnose(routeWith('    retries:\n      attempts: 2\n      retryOn: "503,504,cancelled"\n')));
});
