import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { runCases, VS, vs } from '../applyFix';

const route = (host: string, match?: string): string =>
  (match ? `  - match:\n${match}    route:\n` : '  - route:\n') +
  `    - destination:\n        host: ${host}\n`;

runCases([
  {
    code: 'IST0130',
    what: 'a second rule without matches',
    valid: vs(
      '  hosts: [reviews]\n  http:\n' +
        route('reviews', '    - uri:\n        prefix: /v1\n') +
        route('ratings'),
    ),
    // 0 hosts, 1 http, 2 - route, 3 - destination, 4 host, 5 - route (second catch-all)
    invalid: vs('  hosts: [reviews]\n  http:\n' + route('reviews') + route('ratings')),
    line: VS + 5,
    covers: 'route',
  },
  {
    code: 'IST0131',
    what: 'a longer prefix after a shorter one',
    valid: vs(
      '  hosts: [reviews]\n  http:\n' +
        route('ratings', '    - uri:\n        prefix: /api/v2\n') +
        route('reviews', '    - uri:\n        prefix: /api\n'),
    ),
    // 0 hosts, 1 http, 2 - match, 3 - uri, 4 prefix /api, 5 route, 6 - destination, 7 host,
    // 8 - match, 9 - uri, 10 prefix /api/v2
    invalid: vs(
      '  hosts: [reviews]\n  http:\n' +
        route('reviews', '    - uri:\n        prefix: /api\n') +
        route('ratings', '    - uri:\n        prefix: /api/v2\n'),
    ),
    line: VS + 10,
    covers: 'prefix',
  },
]);

test('IST0130: a rule with matches after a catch-all rule is unreachable', () => {
  // 0 hosts, 1 http, 2 - route, 3 - destination, 4 host, 5 - match
  const text = vs(
    '  hosts: [reviews]\n  http:\n' + route('reviews') + route('ratings', '    - uri:\n        exact: /x\n'),
  );
  expectDiagnostic(diagnose(text), 'IST0130', VS + 5, { text, covers: 'match' });
});

test('IST0130 and IST0131: a rule whose only match repeats an earlier one', () => {
  // 0 hosts, 1 http, 2 - match, 3 - uri, 4 exact, 5 route, 6 - destination, 7 host,
  // 8 - match, 9 - name, 10 uri, 11 exact
  const text = vs(
    '  hosts: [reviews]\n  http:\n' +
      route('reviews', '    - uri:\n        exact: /x\n') +
      route('ratings', '    - name: again\n      uri:\n        exact: /x\n'),
  );
  const d = diagnose(text);
  expectDiagnostic(d, 'IST0130', VS + 8, { text, covers: 'match' });
  const info = expectDiagnostic(d, 'IST0131', VS + 9, { text, covers: 'name' });
  // ANALYZERS.md lists IST0131 VirtualServiceIneffectiveMatch at level Info.
  assert.equal(info.severity, DiagnosticSeverity.Information);
});

test('IST0131: a different port keeps a longer prefix reachable', () => {
  const text = vs(
    '  hosts: [reviews]\n  http:\n' +
      route('reviews', '    - uri:\n        prefix: /api\n') +
      route('ratings', '    - uri:\n        prefix: /api/v2\n      port: 8080\n'),
  );
  expectNone(diagnose(text));
});

test('IST0131: a missing method counts as GET when comparing prefixes', () => {
  const text = vs(
    '  hosts: [reviews]\n  http:\n' +
      route('reviews', '    - uri:\n        prefix: /api\n') +
      route('ratings', '    - uri:\n        prefix: /api/v2\n      method:\n        exact: POST\n'),
  );
  expectNone(diagnose(text));
});

test('IST0130: TCP rules are checked too', () => {
  const tcp = `  hosts: [reviews]
  tcp:
  - route:
    - destination:
        host: reviews
  - route:
    - destination:
        host: ratings
`;
  const text = vs(tcp);
  expectDiagnostic(diagnose(text), 'IST0130', VS + 5, { text, covers: 'route' });
});
