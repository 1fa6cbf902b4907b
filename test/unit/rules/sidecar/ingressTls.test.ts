import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { expectFixResolves } from '../applyFix';
import { sc } from './sc';

/** An ingress listener with protocol `protocol`; its tls block starts on line 11. */
const tls = (block: string, protocol = 'HTTPS'): string =>
  sc(`  ingress:\n  - port:\n      number: 443\n      protocol: ${protocol}\n    tls:\n${block}`);

test('sc-ingress-tls-unsupported-field: credentialName and httpsRedirect are rejected; the fix removes them', () => {
  const text = tls(
    '      mode: SIMPLE\n      serverCertificate: /a.pem\n      privateKey: /a.key\n      httpsRedirect: true\n',
  );
  expectDiagnostic(diagnose(text), 'sc-ingress-tls-unsupported-field', 14, { text, covers: 'httpsRedirect' });
  expectFixResolves(text, 'sc-ingress-tls-unsupported-field', 14);
  const t2 = tls('      mode: SIMPLE\n      credentialName: c\n');
  expectDiagnostic(diagnose(t2), 'sc-ingress-tls-unsupported-field', 12, {
    text: t2,
    covers: 'credentialName',
  });
});

test('sc-ingress-tls-mode: ISTIO_MUTUAL is rejected', () => {
  const text = tls('      mode: ISTIO_MUTUAL\n');
  expectDiagnostic(diagnose(text), 'sc-ingress-tls-mode', 11, { text, covers: 'ISTIO_MUTUAL' });
  expectNone(
    diagnose(tls('      mode: SIMPLE\n      serverCertificate: /a.pem\n      privateKey: /a.key\n')),
    'sc-ingress-tls-mode',
  );
});

test('sc-ingress-tls-protocol: tls on an HTTP port', () => {
  const text = tls('      mode: SIMPLE\n      serverCertificate: /a.pem\n      privateKey: /a.key\n', 'HTTP');
  expectDiagnostic(diagnose(text), 'sc-ingress-tls-protocol', 10, { text, covers: 'tls' });
});

test('shared server TLS checks run on Sidecar ingress tls', () => {
  const text = tls(
    '      mode: MUTUAL\n      serverCertificate: /a.pem\n      privateKey: /a.key\n      minProtocolVersion: TLSV1_0\n',
  );
  const ds = diagnose(text);
  expectDiagnostic(ds, 'sc-tls-missing-certs', 11, { text, covers: 'MUTUAL' });
  expectDiagnostic(ds, 'sc-tls-old-version-without-ciphers', 14, { text, covers: 'TLSV1_0' });
  const t2 = tls(
    '      mode: SIMPLE\n      serverCertificate: /a.pem\n      privateKey: /a.key\n      caCrl: /crl.pem\n      cipherSuites: ["NOPE"]\n',
  );
  const d2 = diagnose(t2);
  expectDiagnostic(d2, 'sc-tls-crl-unsupported', 14, { text: t2, covers: 'caCrl' });
  expectDiagnostic(d2, 'sc-tls-cipher-suite-ignored', 15, { text: t2, covers: '"NOPE"' });
  const t3 = tls('      serverCertificate: /a.pem\n      privateKey: /a.key\n');
  expectDiagnostic(diagnose(t3), 'sc-tls-passthrough-with-certs', 11, {
    text: t3,
    covers: 'serverCertificate',
  });
  const t4 = tls('      mode: ISTIO_MUTUAL\n      caCertificates: /ca.pem\n');
  expectDiagnostic(diagnose(t4), 'sc-tls-istio-mutual-with-certs', 12, {
    text: t4,
    covers: 'caCertificates',
  });
  const t5 = tls(
    '      mode: SIMPLE\n      serverCertificate: /a.pem\n      privateKey: /a.key\n      tlsCertificates:\n      - serverCertificate: /b.pem\n        privateKey: /b.key\n',
  );
  expectDiagnostic(diagnose(t5), 'sc-tls-multiple-cert-sources', 12, {
    text: t5,
    covers: 'serverCertificate',
  });
});
