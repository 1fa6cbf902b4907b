import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { expectFixResolves } from '../applyFix';
import { gw, server } from './gw';

/** An HTTPS server whose tls block (lines from 9 on) is `tls`. */
const https = (tls: string): string =>
  gw(server('number: 443, name: https, protocol: HTTPS', `    hosts: ["*"]\n    tls:\n${tls}`));

test('gw-tls-old-version-without-ciphers', () => {
  const text = https('      mode: SIMPLE\n      credentialName: c\n      minProtocolVersion: TLSV1_1\n');
  const d = expectDiagnostic(diagnose(text), 'gw-tls-old-version-without-ciphers', 11, {
    text,
    covers: 'TLSV1_1',
  });
  assert.equal(d.severity, 2);
  expectNone(
    diagnose(
      https(
        '      mode: SIMPLE\n      credentialName: c\n      minProtocolVersion: TLSV1_1\n      cipherSuites: ["AES128-SHA"]\n',
      ),
    ),
    'gw-tls-old-version-without-ciphers',
  );
});

test('gw-tls-cipher-suite-ignored: unknown and repeated suites', () => {
  const text = https(
    '      mode: SIMPLE\n      credentialName: c\n      cipherSuites:\n      - AES128-SHA\n      - FOO-BAR\n      - AES128-SHA\n      - "!aNULL"\n',
  );
  const ds = diagnose(text);
  expectDiagnostic(ds, 'gw-tls-cipher-suite-ignored', 13, { text, covers: 'FOO-BAR' });
  expectDiagnostic(ds, 'gw-tls-cipher-suite-ignored', 14, { text, covers: 'AES128-SHA' });
  expectNone(
    ds.filter((d) => d.range.start.line === 15),
    'gw-tls-cipher-suite-ignored',
  );
});

test('gw-tls-istio-mutual-with-certs: certificate fields are rejected; the fix removes them', () => {
  const text = https('      mode: ISTIO_MUTUAL\n      credentialName: c\n');
  expectDiagnostic(diagnose(text), 'gw-tls-istio-mutual-with-certs', 10, { text, covers: 'credentialName' });
  expectFixResolves(text, 'gw-tls-istio-mutual-with-certs', 10);
  expectNone(diagnose(https('      mode: ISTIO_MUTUAL\n')), 'gw-tls-istio-mutual-with-certs');
});

test('gw-tls-passthrough-with-certs: a credential with the default mode; the fix sets SIMPLE', () => {
  const text = https('      credentialName: c\n');
  const d = expectDiagnostic(diagnose(text), 'gw-tls-passthrough-with-certs', 9, {
    text,
    covers: 'credentialName',
  });
  assert.equal(d.severity, 2);
  expectFixResolves(text, 'gw-tls-passthrough-with-certs', 9);
  expectNone(diagnose(https('      mode: PASSTHROUGH\n')), 'gw-tls-passthrough-with-certs');
});

test('gw-tls-multiple-cert-sources: credentialName with certificate files; both fixes resolve it', () => {
  const text = https(
    '      mode: SIMPLE\n      credentialName: c\n      serverCertificate: /etc/cert.pem\n      privateKey: /etc/key.pem\n',
  );
  const d = expectDiagnostic(diagnose(text), 'gw-tls-multiple-cert-sources', 11, {
    text,
    covers: 'serverCertificate',
  });
  assert.equal(d.relatedInformation?.[0].location.range.start.line, 10);
  expectFixResolves(text, 'gw-tls-multiple-cert-sources', 11, 'Remove credentialName');
  expectFixResolves(text, 'gw-tls-multiple-cert-sources', 11, 'Remove serverCertificate and privateKey');
});

test('gw-tls-multiple-cert-sources: credentialName with tlsCertificates (not covered by the CRD rules)', () => {
  const text = https(
    '      mode: SIMPLE\n      credentialName: c\n      tlsCertificates:\n      - serverCertificate: /a.pem\n        privateKey: /a.key\n',
  );
  expectDiagnostic(diagnose(text), 'gw-tls-multiple-cert-sources', 11, { text, covers: 'tlsCertificates' });
  expectNone(
    diagnose(https('      mode: SIMPLE\n      credentialName: c\n')),
    'gw-tls-multiple-cert-sources',
  );
});

test('gw-tls-missing-certs: SIMPLE without certificates, MUTUAL without a CA', () => {
  const text = https('      mode: SIMPLE\n');
  expectDiagnostic(diagnose(text), 'gw-tls-missing-certs', 9, { text, covers: 'SIMPLE' });
  const t2 = https('      mode: MUTUAL\n      serverCertificate: /a.pem\n      privateKey: /a.key\n');
  const d = expectDiagnostic(diagnose(t2), 'gw-tls-missing-certs', 9, { text: t2, covers: 'MUTUAL' });
  assert.match(d.message, /caCertificates/);
  const t3 = https('      mode: SIMPLE\n      tlsCertificates:\n      - serverCertificate: /a.pem\n');
  expectDiagnostic(diagnose(t3), 'gw-tls-missing-certs', 11, { text: t3, covers: 'serverCertificate' });
  expectNone(diagnose(https('      mode: MUTUAL\n      credentialName: c\n')), 'gw-tls-missing-certs');
});

test('gw-tls-crl-unsupported: caCrl in SIMPLE mode', () => {
  const text = https(
    '      mode: SIMPLE\n      serverCertificate: /a.pem\n      privateKey: /a.key\n      caCrl: /crl.pem\n',
  );
  expectDiagnostic(diagnose(text), 'gw-tls-crl-unsupported', 12, { text, covers: 'caCrl' });
  expectNone(
    diagnose(
      https(
        '      mode: MUTUAL\n      serverCertificate: /a.pem\n      privateKey: /a.key\n      caCertificates: /ca.pem\n      caCrl: /crl.pem\n',
      ),
    ),
    'gw-tls-crl-unsupported',
  );
});
