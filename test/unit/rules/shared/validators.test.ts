import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportToProblems } from '../../../../server/src/service/rules/shared/exportTo';
import { gatewayNameProblems } from '../../../../server/src/service/rules/shared/gatewayNames';
import {
  headerMatchNameError,
  headerValueError,
  isJwtClaimHeader,
} from '../../../../server/src/service/rules/shared/headers';
import { localitiesProblem } from '../../../../server/src/service/rules/shared/locality';
import {
  validateFractionalPercent,
  validatePercent,
} from '../../../../server/src/service/rules/shared/percent';
import { validatePort, validatePortName } from '../../../../server/src/service/rules/shared/ports';
import { MAX_REGEX_LENGTH, validateRegex } from '../../../../server/src/service/rules/shared/regex';

test('ports and port names', () => {
  assert.equal(validatePort(1), undefined);
  assert.equal(validatePort(65535), undefined);
  assert.match(validatePort(0)!, /1\.\.65535/);
  assert.ok(validatePort(65536));
  assert.equal(validatePortName('http-web'), undefined);
  assert.ok(validatePortName('http_web'));
  assert.ok(validatePortName(''));
});

test('percentages', () => {
  assert.equal(validatePercent(0), undefined);
  assert.equal(validatePercent(100), undefined);
  assert.ok(validatePercent(101));
  assert.ok(validatePercent(-1));
  assert.equal(validateFractionalPercent(0), undefined);
  assert.equal(validateFractionalPercent(0.0001), undefined);
  assert.ok(validateFractionalPercent(0.00009));
  assert.ok(validateFractionalPercent(100.1));
});

test('regexes use RE2: no look-around, no backreferences, at most 1024 bytes', () => {
  assert.equal(validateRegex('^/api/v[0-9]+/.*$'), undefined);
  assert.equal(validateRegex('(?i)abc|(?P<name>x)'), undefined);
  for (const bad of ['a(?=b)', 'a(?!b)', '(?<=a)b', '(a)\\1', '[', 'a{1001}', 'x**'])
    assert.ok(validateRegex(bad), bad);
  assert.equal(validateRegex('a'.repeat(MAX_REGEX_LENGTH)), undefined);
  assert.match(validateRegex('a'.repeat(MAX_REGEX_LENGTH + 1))!, /too large/);
  assert.match(validateRegex('\u00e9'.repeat(513))!, /too large/, 'the limit counts UTF-8 bytes');
});

test('exportTo: entries, duplicates, "*" and "~"', () => {
  assert.deepEqual(exportToProblems(['.', 'other'], { namespace: 'prod' }), []);
  assert.deepEqual(
    exportToProblems(['.', 'prod'], { namespace: 'prod' }).map((p) => [p.kind, p.index, p.duplicateOf]),
    [['duplicate', 1, 0]],
  );
  assert.deepEqual(
    exportToProblems(['.', '.']).map((p) => p.kind),
    ['duplicate'],
  );
  assert.deepEqual(
    exportToProblems(['~']).map((p) => p.kind),
    ['entry'],
  );
  assert.deepEqual(exportToProblems(['~'], { serviceEntry: true }), []);
  assert.deepEqual(
    exportToProblems(['~', 'a'], { serviceEntry: true }).map((p) => p.kind),
    ['none-mixed'],
  );
  assert.deepEqual(
    exportToProblems(['*', 'a']).map((p) => p.kind),
    ['public-mixed'],
  );
  assert.deepEqual(
    exportToProblems(['Bad_NS']).map((p) => p.kind),
    ['entry'],
  );
  assert.deepEqual(
    exportToProblems(['other'], { namespace: 'prod', destinationRuleWithSelector: true }).map((p) => p.kind),
    ['selector'],
  );
  assert.deepEqual(
    exportToProblems(['other'], { destinationRuleWithSelector: true }),
    [],
    'unknown namespace: cannot judge',
  );
  assert.deepEqual(
    exportToProblems(['.', 'other'], { destinationRuleWithSelector: true }).map((p) => p.kind),
    ['selector'],
  );
});

test('gateway names, with the legacy form and the stop-at-first-plain-name quirk', () => {
  assert.deepEqual(gatewayNameProblems(['istio-system/gw', 'mesh']), []);
  assert.deepEqual(gatewayNameProblems(['gw.istio-system']), [{ index: 0, recommended: 'istio-system/gw' }]);
  assert.equal(gatewayNameProblems(['/gw'])[0].index, 0);
  assert.ok(gatewayNameProblems(['ns/gw_1'])[0].error);
  assert.deepEqual(gatewayNameProblems(['mesh', 'bad ns/x']), []);
  assert.ok(gatewayNameProblems(['bad_gw'])[0].error);
});

test('header names and values', () => {
  assert.equal(headerMatchNameError('x-user'), undefined);
  assert.equal(headerMatchNameError(':authority'), undefined);
  assert.ok(headerMatchNameError(':foo'));
  assert.ok(headerMatchNameError(''));
  assert.ok(isJwtClaimHeader('@request.auth.claims.group'));
  assert.ok(isJwtClaimHeader('@Request.Auth.Claims[group][sub]'));
  assert.ok(!isJwtClaimHeader('@request.auth.claims.'));
  assert.ok(!isJwtClaimHeader('@request.auth.claims[]'));
  assert.equal(headerValueError('%DOWNSTREAM_REMOTE_ADDRESS%'), undefined);
  assert.ok(headerValueError('50%'));
  assert.ok(headerValueError('bell\u0007'));
});

test('localities: one wildcard at the end, no empty parts, no overlap', () => {
  assert.equal(localitiesProblem(['us-east', 'us-west/zone1', 'eu/*']), undefined);
  assert.equal(localitiesProblem(['us-east/*/a'])?.index, 0);
  assert.equal(localitiesProblem(['us-east//a'])?.index, 0);
  assert.equal(localitiesProblem(['us-east', 'us-east/zone1'])?.index, 1);
  assert.equal(localitiesProblem(['us-east/zone1', 'us-east'])?.index, 1);
  assert.equal(localitiesProblem(['*', 'us-east'])?.index, 1);
  assert.equal(localitiesProblem(['a/b/c', 'a/b/c'])?.index, 1);
});
