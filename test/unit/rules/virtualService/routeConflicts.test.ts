import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { fixesOf, runCases, VS, vs, type RuleCase } from '../applyFix';

const HEAD = '  hosts: [reviews]\n  http:\n';
const DEST = '    route:\n    - destination:\n        host: reviews\n';

/** Cases for "first cannot be combined with second"; the conflict starts on line VS + 2. */
function conflict(
  code: string,
  first: string,
  second: string,
  firstBlock: string,
  secondBlock: string,
  valid: string,
  fixes = [`Remove ${first}`, `Remove ${second}`],
): RuleCase {
  return {
    code,
    what: `${first} with ${second}`,
    valid: vs(HEAD + valid),
    invalid: vs(HEAD + `  - ${firstBlock.trimStart()}${secondBlock}`),
    line: VS + 2,
    covers: first,
    fixes,
  };
}

const REDIRECT = '    redirect:\n      uri: /v2\n';
const DIRECT = '    directResponse:\n      status: 503\n';
const FAULT = '    fault:\n      abort:\n        httpStatus: 500\n';
const REWRITE = '    rewrite:\n      uri: /v2\n';

runCases([
  conflict('vs-redirect-with-route', 'redirect', 'route', REDIRECT, DEST, `  - ${REDIRECT.trimStart()}`),
  // Removing redirect would leave the route without an action, so only the fault removal is offered.
  conflict('vs-redirect-with-fault', 'redirect', 'fault', REDIRECT, FAULT, `  - ${REDIRECT.trimStart()}`, [
    'Remove fault',
  ]),
  // Removing redirect would leave the route without an action, so only the rewrite removal is offered.
  conflict(
    'vs-redirect-with-rewrite',
    'redirect',
    'rewrite',
    REDIRECT,
    REWRITE,
    `  - ${REDIRECT.trimStart()}`,
    ['Remove rewrite'],
  ),
  conflict(
    'vs-redirect-with-direct-response',
    'redirect',
    'directResponse',
    REDIRECT,
    DIRECT,
    `  - ${DIRECT.trimStart()}`,
  ),
  conflict(
    'vs-direct-response-with-route',
    'directResponse',
    'route',
    DIRECT,
    DEST,
    `  - ${DIRECT.trimStart()}`,
  ),
  // Removing directResponse would leave the route without an action, so only the fault removal is offered.
  conflict(
    'vs-direct-response-with-fault',
    'directResponse',
    'fault',
    DIRECT,
    FAULT,
    `  - ${DIRECT.trimStart()}`,
    ['Remove fault'],
  ),
  // Removing directResponse would leave the route without an action, so only the rewrite removal is offered.
  conflict(
    'vs-direct-response-with-rewrite',
    'directResponse',
    'rewrite',
    DIRECT,
    REWRITE,
    `  - ${DIRECT.trimStart()}`,
    ['Remove rewrite'],
  ),
  conflict(
    'vs-mirror-with-mirrors',
    'mirror',
    'mirrors',
    '    mirror:\n      host: shadow\n',
    '    mirrors:\n    - destination:\n        host: shadow2\n' + DEST,
    `  - mirrors:\n    - destination:\n        host: shadow\n${DEST}`,
  ),
  {
    code: 'vs-root-route-conflict',
    what: 'route next to delegate',
    valid: vs(HEAD + '  - delegate:\n      name: reviews-delegate\n'),
    // 0 hosts, 1 http, 2 - delegate, 3 name, 4 route
    invalid: vs(HEAD + '  - delegate:\n      name: reviews-delegate\n' + DEST),
    line: VS + 4,
    covers: 'route',
    fixes: ['Remove route', 'Remove delegate'],
  },
  {
    code: 'vs-nested-delegate',
    what: 'delegate inside a delegate VirtualService',
    valid: vs('  http:\n  - route:\n    - destination:\n        host: reviews\n'),
    // 0 http, 1 - route, 2 - destination, 3 host, 4 delegate
    invalid: vs(
      '  http:\n  - route:\n    - destination:\n        host: reviews\n    delegate:\n      name: other\n',
    ),
    line: VS + 4,
    covers: 'delegate',
    fixes: ['Remove delegate'],
  },
  {
    code: 'vs-route-action-required',
    what: 'an HTTP route with only a match',
    valid: vs(HEAD + '  - match:\n    - uri:\n        prefix: /\n' + DEST),
    // 0 hosts, 1 http, 2 - match
    invalid: vs(HEAD + '  - match:\n    - uri:\n        prefix: /\n    timeout: 5s\n'),
    line: VS + 2,
    covers: 'match',
  },
]);

test('vs-direct-response-with-route: not reported when redirect is also set (Istio only reports the redirect conflicts)', () => {
  const text = vs(HEAD + `  - ${REDIRECT.trimStart()}${DIRECT}${DEST}`);
  expectNone(diagnose(text), 'vs-direct-response-with-route');
});

test('conflicts are not checked on a root route (one with delegate)', () => {
  const text = vs(
    HEAD + '  - delegate:\n      name: d\n    fault:\n      abort:\n        httpStatus: 500\n' + REDIRECT,
  );
  expectNone(diagnose(text), 'vs-redirect-with-fault', 'vs-route-action-required');
});

test('vs-route-action-required: an empty route list counts as missing', () => {
  const text = vs(HEAD + '  - route: []\n');
  expectDiagnostic(diagnose(text), 'vs-route-action-required', VS + 2, { text, covers: 'route' });
});

test('vs-redirect-with-fault: removing redirect is not offered when it would leave the route without an action', () => {
  const text = vs(HEAD + `  - ${REDIRECT.trimStart()}${FAULT}`);
  const d = expectDiagnostic(diagnose(text), 'vs-redirect-with-fault', VS + 2);
  assert.deepEqual(
    fixesOf(d).map((f) => f.title),
    ['Remove fault'],
  );
});
