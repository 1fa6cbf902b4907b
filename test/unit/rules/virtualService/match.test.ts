import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { runCases, VS, vs } from '../applyFix';

/** hosts, http, then one route whose match entry is `match` (starting on line VS + 3). */
const withMatch = (match: string, extra = ''): string =>
  vs(
    `  hosts: [reviews]\n  http:\n  - match:\n${match}    route:\n    - destination:\n        host: reviews\n${extra}`,
  );

runCases([
  {
    code: 'vs-header-match-name',
    what: 'a header name with a space',
    valid: withMatch(
      '    - headers:\n        x-user:\n          exact: a\n        ":authority":\n          exact: example.com\n',
    ),
    invalid: withMatch('    - headers:\n        "x user":\n          exact: a\n'),
    line: VS + 4,
    covers: '"x user"',
  },
  {
    code: 'vs-empty-prefix-match',
    what: 'an empty header prefix',
    valid: withMatch('    - uri:\n        prefix: ""\n'),
    invalid: withMatch('    - headers:\n        x-user:\n          prefix: ""\n'),
    line: VS + 5,
    covers: 'prefix',
  },
  {
    code: 'vs-invalid-regex',
    what: 'a look-ahead',
    valid: withMatch(
      '    - uri:\n        regex: "^/api/[a-z]+$"\n      withoutHeaders:\n        x-debug:\n          regex: "*"\n',
    ),
    invalid: withMatch('    - uri:\n        regex: "(?=a)b"\n'),
    line: VS + 4,
    covers: '"(?=a)b"',
  },
  {
    code: 'vs-port-range',
    what: 'a match port above 65535',
    valid: withMatch('    - port: 8080\n'),
    invalid: withMatch('    - port: 70000\n'),
    line: VS + 3,
    covers: '70000',
  },
  {
    code: 'vs-source-labels',
    what: 'a label key with a space',
    valid: withMatch(
      '    - sourceLabels:\n        app: productpage\n        app.kubernetes.io/version: ""\n',
    ),
    invalid: withMatch('    - sourceLabels:\n        "bad key": v1\n'),
    line: VS + 4,
    covers: '"bad key"',
  },
  {
    code: 'vs-source-namespace',
    what: 'a namespace with an underscore',
    valid: withMatch('    - sourceNamespace: frontend\n'),
    invalid: withMatch('    - sourceNamespace: bad_ns\n'),
    line: VS + 3,
    covers: 'bad_ns',
  },
]);

const regexFinding = (regex: string): string | undefined => {
  const d = diagnose(withMatch(`    - headers:\n        x-id:\n          regex: ${JSON.stringify(regex)}\n`));
  return d.find((x) => x.code === 'vs-invalid-regex')?.message;
};

test('vs-invalid-regex: backreferences, empty and over-long regexes are rejected', () => {
  assert.match(regexFinding('(a)\\1') ?? '', /RE2/);
  assert.match(regexFinding('') ?? '', /cannot be empty/);
  assert.match(regexFinding('a'.repeat(1025)) ?? '', /too large/);
  assert.equal(regexFinding('a'.repeat(1024)), undefined);
  assert.equal(regexFinding('(?i)^[a-f0-9]{8}$'), undefined);
});

test('vs-invalid-regex: CORS origins and uriRegexRewrite are checked too', () => {
  const text = vs(`  hosts: [reviews]
  http:
  - corsPolicy:
      allowOrigins:
      - regex: "https://(?!evil).*"
    rewrite:
      uriRegexRewrite:
        match: "^/a(?<=x)"
        rewrite: /b
    route:
    - destination:
        host: reviews
`);
  const d = diagnose(text);
  expectDiagnostic(d, 'vs-invalid-regex', VS + 4, { text, covers: '"https://(?!evil).*"' });
  expectDiagnostic(d, 'vs-invalid-regex', VS + 7, { text, covers: '"^/a(?<=x)"' });
});

test('vs-port-range: a destination port must have a number in range', () => {
  const text = vs(`  hosts: [reviews]
  http:
  - route:
    - destination:
        host: reviews
        port:
          number: 0
`);
  expectDiagnostic(diagnose(text), 'vs-port-range', VS + 6, { text, covers: '0' });
});

test('vs-port-range: redirect port 0 is "not set" and accepted', () => {
  expectNone(diagnose(vs('  hosts: [reviews]\n  http:\n  - redirect:\n      uri: /x\n      port: 0\n')));
});

test('vs-header-match-name: the JWT claim form is a valid name', () => {
  const text = vs(`  hosts: [reviews]
  gateways: [istio-system/gw]
  http:
  - match:
    - headers:
        "@request.auth.claims[group]":
          exact: admin
    route:
    - destination:
        host: reviews
`);
  expectNone(diagnose(text));
});
