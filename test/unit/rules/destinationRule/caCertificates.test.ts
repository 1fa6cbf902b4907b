/**
 * IST0128 and IST0129 (destinationrule.CaCertificateAnalyzer), with the cases of ANALYZERS.md §5:
 * SIMPLE or MUTUAL without caCertificates warns, at the top level (IST0128) and per
 * portLevelSettings entry (IST0129); credentialName stands in for the CA only with a
 * workloadSelector; subsets are not looked at.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { DR, dr, runCases } from '../applyFix';

const CA = '      caCertificates: /etc/certs/ca.pem\n';
const SELECTOR = '  workloadSelector:\n    matchLabels:\n      app: api\n';
/** host (DR), trafficPolicy (DR + 1), tls (DR + 2), then its fields from DR + 3. */
const top = (fields: string, tail = ''): string =>
  dr(`  host: api.example.com\n  trafficPolicy:\n    tls:\n${fields}${tail}`);
/** host (DR) ... portLevelSettings entry: port (DR + 3), number (DR + 4), tls (DR + 5), fields from DR + 6. */
const port = (fields: string, tail = ''): string =>
  dr(
    `  host: api.example.com\n  trafficPolicy:\n    portLevelSettings:\n    - port:\n        number: 443\n      tls:\n${fields.replace(/^ {6}/gm, '        ')}${tail}`,
  );

runCases([
  {
    code: 'IST0128',
    what: 'SIMPLE without caCertificates',
    valid: top('      mode: SIMPLE\n' + CA),
    invalid: top('      mode: SIMPLE\n'),
    line: DR + 3,
    covers: 'SIMPLE',
  },
  {
    code: 'IST0129',
    what: 'port-level SIMPLE without caCertificates',
    valid: port('      mode: SIMPLE\n' + CA),
    invalid: port('      mode: SIMPLE\n'),
    line: DR + 6,
    covers: 'SIMPLE',
  },
]);

test('IST0128: MUTUAL without caCertificates', () => {
  const text = top('      mode: MUTUAL\n      clientCertificate: /c.pem\n      privateKey: /k.pem\n');
  const d = expectDiagnostic(diagnose(text), 'IST0128', DR + 3, { text, covers: 'MUTUAL' });
  assert.equal(d.severity, 2, 'a warning, as Istio levels it');
  assert.match(d.message, /api\.example\.com/);
});

test('IST0129: MUTUAL without caCertificates names the port', () => {
  const text = port('      mode: MUTUAL\n      clientCertificate: /c.pem\n      privateKey: /k.pem\n');
  const d = expectDiagnostic(diagnose(text), 'IST0129', DR + 6, { text, covers: 'MUTUAL' });
  assert.match(d.message, /port 443/);
});

test('credentialName without a workloadSelector still warns, at both levels', () => {
  const t = top('      mode: SIMPLE\n      credentialName: api-ca\n');
  expectDiagnostic(diagnose(t), 'IST0128', DR + 3);
  const p = port('      mode: SIMPLE\n      credentialName: api-ca\n');
  expectDiagnostic(diagnose(p), 'IST0129', DR + 6);
});

test('credentialName with a workloadSelector is accepted, at both levels', () => {
  expectNone(diagnose(top('      mode: SIMPLE\n      credentialName: api-ca\n', SELECTOR)));
  expectNone(diagnose(port('      mode: SIMPLE\n      credentialName: api-ca\n', SELECTOR)));
});

test('a workloadSelector alone does not stand in for the CA', () => {
  expectDiagnostic(diagnose(top('      mode: SIMPLE\n', SELECTOR)), 'IST0128', DR + 3);
});

test('both levels without a CA give one of each', () => {
  const text = dr(`  host: api.example.com
  trafficPolicy:
    tls:
      mode: MUTUAL
      clientCertificate: /c.pem
      privateKey: /k.pem
    portLevelSettings:
    - port:
        number: 443
      tls:
        mode: SIMPLE
`);
  const d = diagnose(text);
  expectDiagnostic(d, 'IST0128', DR + 3);
  expectDiagnostic(d, 'IST0129', DR + 10);
  assert.equal(d.filter((x) => x.code === 'IST0128' || x.code === 'IST0129').length, 2);
});

test('ISTIO_MUTUAL and DISABLE need no CA', () => {
  expectNone(diagnose(top('      mode: ISTIO_MUTUAL\n')));
  expectNone(diagnose(port('      mode: DISABLE\n')));
});

test('subset traffic policies are not looked at, as in the analyzer', () => {
  const text = dr(`  host: api.example.com
  subsets:
  - name: v1
    labels:
      version: v1
    trafficPolicy:
      tls:
        mode: SIMPLE
`);
  expectNone(diagnose(text), 'IST0128', 'IST0129');
  // The same policy at the top level is flagged.
  expectDiagnostic(diagnose(top('      mode: SIMPLE\n')), 'IST0128', DR + 3);
});
