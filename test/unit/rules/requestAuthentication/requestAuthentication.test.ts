import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { expectFixResolves } from '../applyFix';

/** A RequestAuthentication; `spec` starts on line 5. */
const ra = (spec: string): string => `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata:
  name: r
spec:
${spec}`;

const publicJwks = '{"keys":[{"kty":"RSA","e":"AQAB","n":"xyz","kid":"a"}]}';

test('a valid RequestAuthentication has no diagnostics', () => {
  expectNone(
    diagnose(
      ra(`  selector:
    matchLabels:
      app: a
  jwtRules:
  - issuer: https://issuer.example.com
    audiences: ["a", "b"]
    jwks: '${publicJwks}'
    fromHeaders:
    - name: x-jwt
      prefix: "Bearer "
    fromParams: ["token"]
    fromCookies: ["session"]
    outputClaimToHeaders:
    - header: x-sub
      claim: sub
    timeout: 1500ms
  - jwksUri: https://example.com/jwks.json
`),
    ),
  );
});

test('ra-selector-without-labels: an empty selector is a warning', () => {
  const text = ra('  selector: {}\n  jwtRules:\n  - issuer: a\n');
  expectDiagnostic(diagnose(text), 'ra-selector-without-labels', 5, { text, covers: 'selector' });
  expectFixResolves(text, 'ra-selector-without-labels', 5);
});

test('ra-invalid-target-ref: a Gateway without group is reported, a Service is fine', () => {
  expectFixResolves(ra('  targetRef:\n    kind: Gateway\n    name: gw\n'), 'ra-invalid-target-ref', 6);
  expectNone(diagnose(ra('  targetRef:\n    kind: Service\n    name: s\n')), 'ra-invalid-target-ref');
  const text = ra('  targetRef:\n    kind: Gateway\n    name: gw\n');
  expectDiagnostic(diagnose(text), 'ra-invalid-target-ref', 6, { text, covers: 'Gateway' });
});

test('ra-issuer-required: a rule without issuer or jwksUri is reported; empty strings are left to the schema', () => {
  const text = ra(`  jwtRules:\n  - jwks: '${publicJwks}'\n  - issuer: ""\n`);
  const ds = diagnose(text);
  expectDiagnostic(ds, 'ra-issuer-required', 6, { text, covers: 'jwks' });
  expectNone(
    ds.filter((d) => d.range.start.line === 7),
    'ra-issuer-required',
  );
  expectNone(diagnose(ra('  jwtRules:\n  - jwksUri: https://a.example.com/keys\n')), 'ra-issuer-required');
});

test('ra-invalid-jwks: JSON errors and unknown key types are reported on jwks', () => {
  const text = ra(
    `  jwtRules:\n  - issuer: a\n    jwks: '{"keys": [}'\n  - issuer: b\n    jwks: '{"kty":"XYZ"}'\n  - issuer: c\n    jwks: '{"kty":"EC","crv":"P-256","x":"a"}'\n`,
  );
  const ds = diagnose(text);
  expectDiagnostic(ds, 'ra-invalid-jwks', 7, { text, covers: 'jwks' });
  expectDiagnostic(ds, 'ra-invalid-jwks', 9, { text, covers: 'jwks' });
  const d = expectDiagnostic(ds, 'ra-invalid-jwks', 11, { text, covers: 'jwks' });
  assert.match(d.message, /"y"/);
  expectNone(diagnose(ra(`  jwtRules:\n  - issuer: a\n    jwks: '{"keys": []}'\n`)), 'ra-invalid-jwks');
});

test('ra-jwks-private-key: private and symmetric keys are a warning', () => {
  const text = ra(
    `  jwtRules:\n  - issuer: a\n    jwks: '{"keys":[{"kty":"RSA","e":"AQAB","n":"x","d":"secret"},{"kty":"oct","k":"c2VjcmV0"}]}'\n`,
  );
  const d = expectDiagnostic(diagnose(text), 'ra-jwks-private-key', 7, { text, covers: 'jwks' });
  assert.equal(d.severity, 2);
  assert.match(d.message, /key 0 \(RSA\), key 1 \(oct\)/);
  expectNone(diagnose(ra(`  jwtRules:\n  - issuer: a\n    jwks: '${publicJwks}'\n`)), 'ra-jwks-private-key');
});

test('ra-timeout-precision: sub-millisecond timeouts are reported and rounded', () => {
  const text = ra('  jwtRules:\n  - issuer: a\n    timeout: 1500us\n');
  expectDiagnostic(diagnose(text), 'ra-timeout-precision', 7, { text, covers: '1500us' });
  expectFixResolves(text, 'ra-timeout-precision', 7);
  expectNone(diagnose(ra('  jwtRules:\n  - issuer: a\n    timeout: 2s\n')), 'ra-timeout-precision');
});
