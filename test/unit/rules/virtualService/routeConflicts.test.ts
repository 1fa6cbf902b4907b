import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { expectFixResolves } from '../applyFix';

const vs = (http: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: r
spec:
  hosts: [reviews]
  http:
${http}`;

test('vs-redirect-with-route: redirect alone is fine', () => {
  expectNone(diagnose(vs('  - redirect:\n      uri: /v2\n')));
});

const redirectAndRoute = vs(`  - redirect:
      uri: /v2
    route:
    - destination:
        host: reviews
`);

test('vs-redirect-with-route: sits on the redirect key and points at route', () => {
  const d = expectDiagnostic(diagnose(redirectAndRoute), 'vs-redirect-with-route', 7, { text: redirectAndRoute, covers: 'redirect' });
  void d;
});

test('vs-redirect-with-route: both fixes resolve it', () => {
  expectFixResolves(redirectAndRoute, 'vs-redirect-with-route', 7, 'Remove redirect');
  expectFixResolves(redirectAndRoute, 'vs-redirect-with-route', 7, 'Remove route');
});
