import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, expectDiagnostic } from '../../helpers';
import { runCases, VS, vs } from '../applyFix';

/** hosts, http, then a route whose `headers:` block (starting line VS + 2) is `headers`. */
const withHeaders = (headers: string, extra = ''): string =>
  vs(
    `  hosts: [reviews]\n  http:\n  - headers:\n${headers}${extra}    route:\n    - destination:\n        host: reviews\n`,
  );

runCases([
  {
    code: 'vs-header-operation-name',
    what: 'setting the :path pseudo-header',
    valid: withHeaders(
      '      request:\n        set:\n          x-env: prod\n          host: reviews.internal\n        remove: [x-debug]\n',
    ),
    // 2 - headers, 3 request, 4 set, 5 :path
    invalid: withHeaders('      request:\n        set:\n          ":path": /v2\n'),
    line: VS + 5,
    covers: '":path"',
  },
  {
    code: 'vs-header-value',
    what: 'an unescaped percent sign',
    valid: withHeaders(
      '      response:\n        set:\n          x-share: "100%%"\n          x-host: "%HOSTNAME%"\n          x-user: "%REQ(x-user)%"\n',
    ),
    invalid: withHeaders('      response:\n        set:\n          x-share: "100%"\n'),
    line: VS + 5,
    covers: '"100%"',
  },
  {
    code: 'vs-authority-set-multiple-times',
    what: 'rewrite.authority and a Host header',
    valid: vs(
      '  hosts: [reviews]\n  http:\n  - rewrite:\n      authority: reviews.internal\n    route:\n    - destination:\n        host: reviews\n',
    ),
    // 2 - headers, 3 request, 4 set, 5 host, 6 rewrite, 7 authority
    invalid: withHeaders(
      '      request:\n        set:\n          host: a.internal\n',
      '    rewrite:\n      authority: b.internal\n',
    ),
    line: VS + 5,
    covers: 'host',
    fixes: ['Remove host'],
  },
]);

const valueError = (value: string): string | undefined =>
  diagnose(withHeaders(`      request:\n        add:\n          x-v: ${JSON.stringify(value)}\n`)).find(
    (d) => d.code === 'vs-header-value',
  )?.message;

test('vs-header-value: follows the Envoy %VAR% syntax', () => {
  for (const ok of [
    'plain',
    '%%',
    '%START_TIME%',
    'a %HOSTNAME% b',
    '%REQ(x-a)%',
    '%REQ( ["a", "b"] )%',
    'tab\there',
  ]) {
    assert.equal(valueError(ok), undefined, ok);
  }
  for (const bad of ['%', 'abc%', '%START_TIME', '%REQ(["a" "b"])%', '%REQ(x)x%', 'line\nbreak']) {
    assert.ok(valueError(bad), bad);
  }
});

test('vs-header-operation-name: Host cannot be removed or set on the response', () => {
  const text = withHeaders(
    '      request:\n        remove:\n        - Host\n      response:\n        add:\n          host: x\n',
  );
  const d = diagnose(text);
  expectDiagnostic(d, 'vs-header-operation-name', VS + 5, { text, covers: 'Host' });
  expectDiagnostic(d, 'vs-header-operation-name', VS + 8, { text, covers: 'host' });
});

test('vs-header-operation-name: per-destination headers are checked too', () => {
  const text = vs(`  hosts: [reviews]
  http:
  - route:
    - destination:
        host: reviews
      headers:
        request:
          set:
            ":method": GET
`);
  expectDiagnostic(diagnose(text), 'vs-header-operation-name', VS + 8, { text, covers: '":method"' });
});
