import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { runCases, VS, vs } from '../applyFix';

const HEAD = '  hosts: [reviews]\n  http:\n';
const DEST = '    route:\n    - destination:\n        host: reviews\n';
/** A route whose first key (line VS + 2) is `first`, followed by a route to reviews. */
const routeWith = (first: string): string => vs(`${HEAD}  - ${first.trimStart()}${DEST}`);
/** A route whose first key (line VS + 2) is `first`, with nothing else. */
const only = (first: string): string => vs(`${HEAD}  - ${first.trimStart()}`);

runCases([
  {
    code: 'vs-mirror-percent-deprecated',
    what: 'mirrorPercent',
    valid: routeWith('    mirror:\n      host: shadow\n    mirrorPercentage:\n      value: 50\n'),
    // 2 - mirror, 3 host, 4 mirrorPercent
    invalid: routeWith('    mirror:\n      host: shadow\n    mirrorPercent: 50\n'),
    line: VS + 4,
    covers: 'mirrorPercent',
    fixes: ['Use mirrorPercentage'],
  },
  {
    code: 'vs-mirror-percentage-range',
    what: 'a mirrors percentage above 100',
    valid: routeWith(
      '    mirrors:\n    - destination:\n        host: shadow\n      percentage:\n        value: 100\n',
    ),
    // 2 - mirrors, 3 - destination, 4 host, 5 percentage, 6 value
    invalid: routeWith(
      '    mirrors:\n    - destination:\n        host: shadow\n      percentage:\n        value: 150\n',
    ),
    line: VS + 6,
    covers: '150',
  },
  {
    code: 'vs-redirect-empty',
    what: 'a redirect that changes nothing',
    valid: only('    redirect:\n      derivePort: FROM_PROTOCOL_DEFAULT\n'),
    invalid: only('    redirect:\n      redirectCode: 302\n'),
    line: VS + 2,
    covers: 'redirect',
  },
  {
    code: 'vs-redirect-code',
    what: 'a 2xx redirect code',
    valid: only('    redirect:\n      uri: /v2\n      redirectCode: 308\n'),
    invalid: only('    redirect:\n      uri: /v2\n      redirectCode: 200\n'),
    line: VS + 4,
    covers: '200',
  },
  {
    code: 'vs-redirect-scheme',
    what: 'an upper-case scheme',
    valid: only('    redirect:\n      scheme: https\n'),
    invalid: only('    redirect:\n      scheme: HTTPS\n'),
    line: VS + 3,
    covers: 'HTTPS',
    fixes: ['Use https'],
  },
  {
    code: 'vs-direct-response-status',
    what: 'status 100',
    valid: only('    directResponse:\n      status: 204\n'),
    invalid: only('    directResponse:\n      status: 100\n'),
    line: VS + 3,
    covers: '100',
  },
  {
    code: 'vs-direct-response-body-large',
    what: 'a 150 KB body',
    valid: only('    directResponse:\n      status: 200\n      body:\n        string: ok\n'),
    invalid: only(
      `    directResponse:\n      status: 200\n      body:\n        string: ${'x'.repeat(150 * 1024)}\n`,
    ),
    line: VS + 5,
    covers: 'string',
  },
  {
    code: 'vs-direct-response-body-too-large',
    what: 'a 2 MB body (as base64 bytes)',
    valid: only(
      `    directResponse:\n      status: 200\n      body:\n        bytes: ${Buffer.from('hello').toString('base64')}\n`,
    ),
    invalid: only(
      `    directResponse:\n      status: 200\n      body:\n        bytes: ${Buffer.alloc(2 * 1024 * 1024, 1).toString('base64')}\n`,
    ),
    line: VS + 5,
    covers: 'bytes',
  },
]);

test('vs-mirror-percentage-range: mirrorPercentage above 100 is rejected; exactly 100 is fine', () => {
  const text = routeWith('    mirror:\n      host: shadow\n    mirrorPercentage:\n      value: 100.5\n');
  expectDiagnostic(diagnose(text), 'vs-mirror-percentage-range', VS + 5, { text, covers: '100.5' });
});

test('vs-direct-response-body-large: a 1 MB body is an error, not a warning', () => {
  const text = only(
    `    directResponse:\n      status: 200\n      body:\n        string: ${'x'.repeat(1024 * 1024 + 1)}\n`,
  );
  const d = diagnose(text);
  expectNone(d, 'vs-direct-response-body-large');
  expectDiagnostic(d, 'vs-direct-response-body-too-large', VS + 5);
});

test('vs-redirect-empty: a port alone is a change', () => {
  expectNone(diagnose(only('    redirect:\n      port: 8443\n')));
});
