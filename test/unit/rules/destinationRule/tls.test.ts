import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { applyFix, DR, dr, runCases } from '../applyFix';

/** host, trafficPolicy (DR + 1), tls (DR + 2), then its fields from DR + 3. */
const tls = (fields: string): string => dr(`  host: api.example.com\n  trafficPolicy:\n    tls:\n${fields}`);
/**
 * As `tls`, on a DestinationRule with a workloadSelector (after the TLS fields, so lines stay): a
 * sidecar uses credentialName only then, and only then does IST0128 accept credentialName in place
 * of caCertificates (ANALYZERS.md, destinationrule.CaCertificateAnalyzer).
 */
const tlsSelected = (fields: string): string =>
  tls(fields) + '  workloadSelector:\n    matchLabels:\n      app: api\n';
const CA = '      caCertificates: /etc/certs/ca.pem\n';

runCases([
  {
    code: 'dr-tls-configmap-credential',
    what: 'a ConfigMap in another namespace',
    valid: tlsSelected('      mode: SIMPLE\n      credentialName: configmap://prod/api-ca\n'),
    invalid: tlsSelected('      mode: SIMPLE\n      credentialName: configmap://other/api-ca\n'),
    line: DR + 4,
    covers: 'configmap://other/api-ca',
    fixes: ['Use namespace prod'],
  },
  {
    code: 'dr-tls-insecure-skip-verify',
    what: 'caCertificates with insecureSkipVerify',
    // MUTUAL keeps credentialName with insecureSkipVerify; the selector keeps IST0128 quiet. (SIMPLE
    // with insecureSkipVerify has no way to set a CA, so istioctl always warns IST0128: see below.)
    valid: tlsSelected(
      '      mode: MUTUAL\n      insecureSkipVerify: true\n      credentialName: api-client\n',
    ),
    // 3 mode, 4 insecureSkipVerify, 5 caCertificates
    invalid: tls(
      '      mode: SIMPLE\n      insecureSkipVerify: true\n      caCertificates: /etc/certs/ca.pem\n',
    ),
    line: DR + 5,
    covers: 'caCertificates',
    fixes: ['Remove insecureSkipVerify'],
  },
  {
    code: 'dr-tls-credential-name-conflict',
    what: 'a private key file next to credentialName',
    valid: tlsSelected('      mode: MUTUAL\n      credentialName: api-client\n'),
    // 3 mode, 4 credentialName, 5 privateKey
    invalid: tlsSelected(
      '      mode: MUTUAL\n      credentialName: api-client\n      privateKey: /etc/certs/key.pem\n',
    ),
    line: DR + 5,
    covers: 'privateKey',
    fixes: ['Remove privateKey'],
  },
  {
    code: 'dr-tls-mutual-missing-cert',
    what: 'MUTUAL without a private key',
    valid: tls(
      '      mode: MUTUAL\n      clientCertificate: /etc/certs/cert.pem\n      privateKey: /etc/certs/key.pem\n' +
        CA,
    ),
    invalid: tls('      mode: MUTUAL\n      clientCertificate: /etc/certs/cert.pem\n'),
    line: DR + 3,
    covers: 'MUTUAL',
  },
]);

test('dr-tls-configmap-credential: the namespace part is required', () => {
  const text = tls('      mode: SIMPLE\n      credentialName: configmap://api-ca\n');
  expectDiagnostic(diagnose(text), 'dr-tls-configmap-credential', DR + 4, {
    text,
    covers: 'configmap://api-ca',
  });
});

test('dr-tls-configmap-credential: without a namespace in metadata, another namespace cannot be judged', () => {
  const text =
    'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: r\nspec:\n  host: a\n  workloadSelector:\n    matchLabels:\n      app: a\n  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      credentialName: configmap://other/ca\n';
  expectNone(diagnose(text));
});

test('dr-tls-insecure-skip-verify: MUTUAL keeps credentialName but not subjectAltNames', () => {
  const text = tls(
    '      mode: MUTUAL\n      insecureSkipVerify: true\n      credentialName: api-client\n      subjectAltNames: [api.example.com]\n',
  );
  const d = diagnose(text);
  expectDiagnostic(d, 'dr-tls-insecure-skip-verify', DR + 6, { text, covers: 'subjectAltNames' });
  expectNone(
    d.filter((x) => x.range.start.line === DR + 5),
    'dr-tls-insecure-skip-verify',
  );
});

test('dr-tls-insecure-skip-verify: removing caCertificates in SIMPLE mode leaves istioctl warning IST0128', () => {
  const text = tls('      mode: SIMPLE\n      insecureSkipVerify: true\n' + CA);
  const d = diagnose(text).find((x) => x.code === 'dr-tls-insecure-skip-verify');
  assert.ok(d);
  const fixed = applyFix(text, d, 'Remove caCertificates');
  const after = diagnose(fixed);
  expectNone(after, 'dr-tls-insecure-skip-verify');
  // The analyzer does not look at insecureSkipVerify: SIMPLE without a CA is IST0128 either way.
  expectDiagnostic(after, 'IST0128', DR + 3, { text: fixed, covers: 'SIMPLE' });
  assert.deepEqual(
    after.map((x) => x.code),
    ['IST0128'],
  );
});

test('TLS checks apply to port-level and subset policies too', () => {
  const text = dr(`  host: api.example.com
  subsets:
  - name: v1
    trafficPolicy:
      portLevelSettings:
      - port:
          number: 443
        tls:
          mode: MUTUAL
`);
  expectDiagnostic(diagnose(text), 'dr-tls-mutual-missing-cert', DR + 8, { text, covers: 'MUTUAL' });
});
