import { test } from 'node:test';
import { diagnose, expectDiagnostic } from '../../helpers';
import { runCases, VS, vs } from '../applyFix';

/** A route whose corsPolicy (key on line VS + 2) holds `cors`. */
const withCors = (cors: string): string =>
  vs(
    `  hosts: [reviews]\n  http:\n  - corsPolicy:\n${cors}    route:\n    - destination:\n        host: reviews\n`,
  );

runCases([
  {
    code: 'vs-cors-origin',
    what: 'an empty exact origin',
    valid: withCors(
      '      allowOrigins:\n      - exact: https://example.com\n      - prefix: https://app.\n',
    ),
    invalid: withCors('      allowOrigins:\n      - exact: ""\n'),
    line: VS + 4,
    covers: '""',
  },
  {
    code: 'vs-cors-method',
    what: 'a lower-case method',
    valid: withCors('      allowMethods: [GET, POST, "*"]\n'),
    invalid: withCors('      allowMethods:\n      - GET\n      - post\n'),
    line: VS + 5,
    covers: 'post',
    fixes: ['Use "POST"'],
  },
  {
    code: 'vs-cors-header-name',
    what: 'a comma-joined header list',
    valid: withCors('      allowHeaders: [x-user, content-type]\n      exposeHeaders: ["*"]\n'),
    invalid: withCors('      allowHeaders:\n      - "x-user, x-id"\n'),
    line: VS + 4,
    covers: '"x-user, x-id"',
  },
  {
    code: 'vs-cors-max-age-seconds',
    what: 'a maxAge with milliseconds',
    valid: withCors('      maxAge: 24h\n'),
    invalid: withCors('      maxAge: 1500ms\n'),
    line: VS + 3,
    covers: '1500ms',
    fixes: ['Round to 2s'],
  },
]);

test('vs-cors-origin: an origin with no match type at all is empty too', () => {
  const text = withCors('      allowOrigins:\n      - {}\n');
  expectDiagnostic(diagnose(text), 'vs-cors-origin', VS + 4, { text, covers: '{}' });
});
