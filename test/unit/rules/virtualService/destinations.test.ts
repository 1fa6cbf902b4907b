import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { runCases, VS, vs } from '../applyFix';

const HEAD = '  hosts: [reviews]\n  http:\n';
/** One HTTP route; its `- route:` is on line VS + 2, the first destination's host on VS + 4. */
const routes = (dests: string, extra = ''): string => vs(`${HEAD}  - route:\n${dests}${extra}`);
const dest = (host: string, more = ''): string => `    - destination:\n        host: ${host}\n${more}`;

runCases([
  {
    code: 'vs-destination-host',
    what: 'destination host "*"',
    valid: routes(dest('reviews.prod.svc.cluster.local')),
    invalid: routes(dest('"*"')),
    line: VS + 4,
    covers: '"*"',
  },
  {
    code: 'vs-destination-subset',
    what: 'a subset with a dot',
    valid: routes(dest('reviews', '        subset: v1\n')),
    invalid: routes(dest('reviews', '        subset: v1.2\n')),
    line: VS + 5,
    covers: 'v1.2',
  },
  {
    code: 'vs-weight-negative',
    what: 'a negative weight',
    valid: routes(dest('reviews', '      weight: 90\n') + dest('ratings', '      weight: 30\n')),
    invalid: routes(dest('reviews', '      weight: -10\n') + dest('ratings', '      weight: 30\n')),
    line: VS + 5,
    covers: '-10',
  },
  {
    code: 'vs-total-weight-zero',
    what: 'two destinations without weights',
    valid: routes(dest('reviews', '      weight: 1\n') + dest('ratings')),
    invalid: routes(dest('reviews') + dest('ratings')),
    line: VS + 2,
    covers: 'route',
  },
  {
    code: 'vs-duration-precision',
    what: 'a timeout of 1.5ms',
    valid: routes(dest('reviews'), '    timeout: 1.5s\n'),
    invalid: routes(dest('reviews'), '    timeout: 1.5ms\n'),
    line: VS + 5,
    covers: '1.5ms',
    fixes: ['Round to 2ms'],
  },
]);

test('vs-total-weight-zero: weights need not add up to 100', () => {
  expectNone(diagnose(routes(dest('reviews', '      weight: 3\n') + dest('ratings', '      weight: 1\n'))));
});

test('vs-destination-host: an IP is not a destination host; a short name is', () => {
  const text = routes(dest('10.0.0.1'));
  expectDiagnostic(diagnose(text), 'vs-destination-host', VS + 4, { text, covers: '10.0.0.1' });
  expectNone(diagnose(routes(dest('reviews'))));
});

test('vs-destination-host: mirror destinations are checked too', () => {
  const text = routes(dest('reviews'), '    mirror:\n      host: bad_host\n');
  expectDiagnostic(diagnose(text), 'vs-destination-host', VS + 6, { text, covers: 'bad_host' });
});

test('vs-duration-precision: leaves the 1ms minimum to the CRD rule', () => {
  const d = diagnose(routes(dest('reviews'), '    timeout: 0.5ms\n'));
  expectNone(d, 'vs-duration-precision');
  expectDiagnostic(d, 'cel-rule', VS + 5);
});

test('vs-duration-precision: retries.perTryTimeout is checked too', () => {
  const text = routes(dest('reviews'), '    retries:\n      attempts: 2\n      perTryTimeout: 1500us\n');
  expectDiagnostic(diagnose(text), 'vs-duration-precision', VS + 7, { text, covers: '1500us' });
});
