import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../helpers';

const VS = (body: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
${body}`;

test('a clean VirtualService has no diagnostics', () => {
  expectNone(
    diagnose(
      VS(`  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
      weight: 90
    - destination: {host: reviews, subset: v2}
      weight: 10
`),
    ),
  );
});

test('an unknown field is reported on its key with a did-you-mean', () => {
  const text = VS(`  hosts: [reviews]
  http:
  - route:
    - destination:
        host: reviews
      wieght: 90
`);
  const d = expectDiagnostic(diagnose(text), 'unknown-field', 10, { text, covers: 'wieght' });
  assert.match(d.message, /spec\.http\[0\]\.route\[0\]/);
  assert.match(d.message, /Did you mean 'weight'\?/);
  assert.equal(d.severity, 1);
});

test('an unknown field without a close match lists the allowed fields', () => {
  const text = VS(`  hosts: [reviews]
  zzzzzzzz: 1
`);
  const d = expectDiagnostic(diagnose(text), 'unknown-field', 6, { text, covers: 'zzzzzzzz' });
  assert.match(d.message, /Allowed fields: .*hosts.*http/);
});

test('a wrong enum value is reported on the value with the allowed list and a suggestion', () => {
  const text = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
spec:
  mtls:
    mode: STRICTT
`;
  const d = expectDiagnostic(diagnose(text), 'invalid-enum', 6, { text, covers: 'STRICTT' });
  assert.match(d.message, /DISABLE, PERMISSIVE, STRICT, UNSET/);
  assert.match(d.message, /Did you mean 'STRICT'\?/);
});

test('a wrong type is reported on the value', () => {
  const text = VS(`  hosts: [reviews]
  http:
  - timeout: 1
    route:
    - destination: {host: reviews}
`);
  const d = expectDiagnostic(diagnose(text), 'invalid-type', 7, { text, covers: '1' });
  assert.match(d.message, /spec\.http\[0\]\.timeout must be a string/);
  assert.match(d.message, /duration/);
});

test('a missing required field is reported on the key of the object that lacks it', () => {
  const text = VS(`  hosts: [reviews]
  http:
  - route:
    - destination:
        subset: v1
`);
  const d = expectDiagnostic(diagnose(text), 'missing-required-field', 8, { text, covers: 'destination' });
  assert.match(d.message, /'host'/);
});

test('two fields of a oneOf group: the second one is flagged, with the first as related information', () => {
  const text = VS(`  hosts: [reviews]
  http:
  - match:
    - uri:
        exact: /a
        prefix: /b
    route:
    - destination: {host: reviews}
`);
  const d = expectDiagnostic(diagnose(text), 'mutually-exclusive', 10, { text, covers: 'prefix' });
  assert.equal(d.relatedInformation?.length, 1);
  assert.equal(d.relatedInformation?.[0].location.range.start.line, 9);
});

test('a CEL rule of the CRD is evaluated: durations must be at least 1ms', () => {
  const text = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  trafficPolicy:
    connectionPool:
      tcp:
        connectTimeout: 500us
`;
  const d = expectDiagnostic(diagnose(text), 'cel-rule', 9, { text, covers: '500us' });
  assert.match(d.message, /must be a valid duration greater than 1ms/);
  expectNone(diagnose(text.replace('500us', '30ms')));
});

test('a CEL rule about an object lands on the fields it tests', () => {
  // AuthorizationPolicy: only one of selector, targetRef or targetRefs may be set (CRD CEL rule).
  const text = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: p
spec:
  selector:
    matchLabels: {app: a}
  targetRefs:
  - {kind: Gateway, group: gateway.networking.k8s.io, name: gw}
`;
  const d = expectDiagnostic(diagnose(text), 'cel-rule', 7, { text, covers: 'targetRefs' });
  assert.equal(d.relatedInformation?.[0].location.range.start.line, 5);
});

test('numeric bounds are checked on the value', () => {
  // DestinationRule retryBudget.percent has maximum 100 in the CRD.
  const text = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  trafficPolicy:
    retryBudget:
      percent: 120
`;
  const d = expectDiagnostic(diagnose(text), 'out-of-range', 8, { text, covers: '120' });
  assert.match(d.message, /at most 100/);
});

test('unknown top-level keys are flagged; status is allowed', () => {
  const text = VS(`  hosts: [reviews]
status: {}
sepc: {}
`).replace('  hosts: [reviews]', '  hosts: [reviews]\n  http: [{route: [{destination: {host: reviews}}]}]');
  const d = expectDiagnostic(diagnose(text), 'unknown-top-level-key', 8, { text, covers: 'sepc' });
  assert.match(d.message, /Did you mean 'spec'\?/);
  expectNone(diagnose(VS('  hosts: [a]\n  tcp: [{route: [{destination: {host: a}}]}]\nstatus: {}\n')));
});

test('an unknown kind in an Istio group suggests the closest kind', () => {
  const text = 'apiVersion: networking.istio.io/v1\nkind: VirtualServce\nmetadata: {name: a}\nspec: {}\n';
  const d = expectDiagnostic(diagnose(text), 'unknown-kind', 1, { text, covers: 'VirtualServce' });
  assert.match(d.message, /Did you mean 'VirtualService'\?/);
});

test('an unserved version names the served ones', () => {
  const text =
    'apiVersion: security.istio.io/v1alpha1\nkind: PeerAuthentication\nmetadata: {name: a}\nspec: {}\n';
  const d = expectDiagnostic(diagnose(text), 'unserved-version', 0, {
    text,
    covers: 'security.istio.io/v1alpha1',
  });
  assert.match(d.message, /security\.istio\.io\/v1, security\.istio\.io\/v1beta1/);
});

test('every served version of a kind is accepted', () => {
  for (const v of ['v1', 'v1beta1', 'v1alpha3']) {
    expectNone(
      diagnose(
        `apiVersion: networking.istio.io/${v}\nkind: Gateway\nmetadata: {name: g}\nspec:\n  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]\n`,
      ),
    );
  }
});

test('documents outside the Istio groups are left alone', () => {
  expectNone(
    diagnose(`apiVersion: apps/v1
kind: Deployment
metadata: {name: a}
spec:
  wieght: 1
---
name: CI
on: [push]
`),
  );
});

test('metadata is checked too', () => {
  const text = VS('  hosts: [a]\n').replace('  name: reviews', '  name: reviews\n  labelz: {}');
  expectDiagnostic(diagnose(text), 'unknown-field', 4, { text, covers: 'labelz' });
});

test('every diagnostic carries source istio and a code', () => {
  const diags = diagnose(VS('  hosts: 1\n  http: [{route: [{destination: {}}]}]\n'));
  assert.ok(diags.length >= 2);
  for (const d of diags) {
    assert.equal(d.source, 'istio');
    assert.ok(d.code);
  }
});
