import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, expectNone } from '../helpers';

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - route:
    - destination:
        host: reviews
      wieght: 90
`;

test('rename an unknown field to its did-you-mean suggestion', () => {
  const r = applyFix(VS, 'unknown-field', 10, /Rename 'wieght' to 'weight'/);
  assert.match(r.text, /\n      weight: 90\n/);
  expectNone(r.diagnostics);
});

test('remove an unknown field', () => {
  const r = applyFix(VS, 'unknown-field', 10, /Remove/);
  assert.equal(r.text, VS.replace('      wieght: 90\n', ''));
  expectNone(r.diagnostics);
});

test('replace an invalid enum value with the closest valid one', () => {
  const pa =
    'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: a}\nspec:\n  mtls:\n    mode: PERMISIVE\n';
  const r = applyFix(pa, 'invalid-enum', 5);
  assert.match(r.text, /mode: PERMISSIVE\n/);
  expectNone(r.diagnostics);
});

test('insert a missing required field with a placeholder', () => {
  const dr = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
  subsets:
  - name: v1
    labels: {version: v1}
`;
  const r = applyFix(dr, 'missing-required-field', 4);
  assert.match(r.text, /\n  host: ""\n$/);
  expectNone(r.diagnostics, 'missing-required-field');
});

test('for two mutually exclusive fields, either side can be removed', () => {
  const text = VS.replace('      wieght: 90\n', '').replace(
    '  - route:',
    '  - match:\n    - uri:\n        exact: /a\n        prefix: /b\n    route:',
  );
  const keepFirst = applyFix(text, 'mutually-exclusive', 10, /Remove 'prefix'/);
  assert.ok(!keepFirst.text.includes('prefix'));
  expectNone(keepFirst.diagnostics);
  const keepSecond = applyFix(text, 'mutually-exclusive', 10, /Remove 'exact'/);
  assert.ok(!keepSecond.text.includes('exact') && keepSecond.text.includes('prefix: /b'));
  expectNone(keepSecond.diagnostics);
});

test('fix an unknown kind, an unserved version and a misspelt top-level key', () => {
  const text =
    'apiVersion: networking.istio.io/v1\nkind: Gatewy\nmetadata: {name: g}\nspec: {servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]}\n';
  expectNone(applyFix(text, 'unknown-kind', 1).diagnostics);
  const v =
    'apiVersion: networking.istio.io/v2\nkind: Gateway\nmetadata: {name: g}\nspec: {servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]}\n';
  const fixed = applyFix(v, 'unserved-version', 0);
  assert.match(fixed.text, /^apiVersion: networking\.istio\.io\/v1\n/);
  expectNone(fixed.diagnostics);
  const t =
    'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: p}\nsepc: {mtls: {mode: STRICT}}\n';
  expectNone(applyFix(t, 'unknown-top-level-key', 3).diagnostics);
});

test('fix a duration: a bare number gets seconds, a value below 1ms becomes 1ms', () => {
  const vs = VS.replace('      wieght: 90\n', '').replace('  - route:', '  - timeout: 1\n    route:');
  const r = applyFix(vs, 'invalid-type', 7, /Change to '1s'/);
  assert.match(r.text, /timeout: 1s\n/);
  expectNone(r.diagnostics);
  const dr = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: a}
spec:
  host: a
  trafficPolicy:
    connectionPool:
      tcp:
        connectTimeout: 500us
`;
  const d = applyFix(dr, 'cel-rule', 8, /Change to '1ms'/);
  assert.match(d.text, /connectTimeout: 1ms\n/);
  expectNone(d.diagnostics);
  const quoted = dr.replace('500us', '"10"');
  const q = applyFix(quoted, 'cel-evaluation-error', 8, /Change to '10s'/);
  assert.match(q.text, /connectTimeout: 10s\n/);
  expectNone(q.diagnostics);
});
