import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { expectFixResolves } from '../applyFix';
import { sc } from './sc';

test('a valid Sidecar has no diagnostics', () => {
  expectNone(
    diagnose(
      sc(`  workloadSelector:
    labels:
      app: reviews
  ingress:
  - port:
      number: 9080
      protocol: HTTP
      name: http
    defaultEndpoint: 127.0.0.1:8080
    connectionPool:
      http:
        maxRetries: 3
  - port:
      number: 9443
      protocol: HTTPS
      name: https
    defaultEndpoint: "[::1]:8443"
    tls:
      mode: SIMPLE
      serverCertificate: /etc/certs/cert.pem
      privateKey: /etc/certs/key.pem
  egress:
  - port:
      number: 3306
      protocol: MYSQL
      name: mysql
    bind: 127.0.0.1
    hosts: ["*/mysql.example.com"]
  - hosts: ["./*", "istio-system/*", "~/*"]
  outboundTrafficPolicy:
    mode: ALLOW_ANY
`),
    ),
  );
});

test('sc-selector-without-labels, sc-invalid-workload-selector and sc-empty', () => {
  const t1 = sc('  workloadSelector: {}\n  egress:\n  - hosts: ["./*"]\n');
  assert.equal(
    expectDiagnostic(diagnose(t1), 'sc-selector-without-labels', 6, { text: t1, covers: 'workloadSelector' })
      .severity,
    2,
  );
  const t2 = sc('  workloadSelector:\n    labels:\n      "": a\n  egress:\n  - hosts: ["./*"]\n');
  expectDiagnostic(diagnose(t2), 'sc-invalid-workload-selector', 8, { text: t2, covers: '""' });
  const t3 = sc('  workloadSelector:\n    labels:\n      app: a\n');
  expectDiagnostic(diagnose(t3), 'sc-empty', 5, { text: t3, covers: 'spec' });
  expectNone(diagnose(sc('  outboundTrafficPolicy:\n    mode: REGISTRY_ONLY\n')), 'sc-empty');
});

test('sc-target-port: removed by the fix', () => {
  const text = sc(
    '  ingress:\n  - port:\n      number: 80\n      protocol: HTTP\n      targetPort: 8080\n    defaultEndpoint: 127.0.0.1:8080\n',
  );
  expectDiagnostic(diagnose(text), 'sc-target-port', 10, { text, covers: 'targetPort' });
  expectFixResolves(text, 'sc-target-port', 10);
});

test('sc-invalid-port-name, sc-unsupported-protocol, sc-invalid-port-number', () => {
  const text = sc('  ingress:\n  - port:\n      number: 70000\n      protocol: HTTPX\n      name: Http_1\n');
  const ds = diagnose(text);
  expectDiagnostic(ds, 'sc-invalid-port-number', 8, { text, covers: '70000' });
  expectDiagnostic(ds, 'sc-unsupported-protocol', 9, { text, covers: 'HTTPX' });
  expectDiagnostic(ds, 'sc-invalid-port-name', 10, { text, covers: 'Http_1' });
  expectFixResolves(text, 'sc-unsupported-protocol', 9);
});

test('sc-invalid-bind and sc-uds-capture-mode', () => {
  const text = sc(`  ingress:
  - port:
      number: 80
    bind: unix:///var/a.sock
  egress:
  - port:
      number: 0
    bind: 127.0.0.1
    hosts: ["./*"]
  - port:
      number: 0
    bind: unix:///var/b.sock
    captureMode: IPTABLES
    hosts: ["./*"]
`);
  const ds = diagnose(text);
  expectDiagnostic(ds, 'sc-invalid-bind', 9, { text, covers: 'unix:///var/a.sock' });
  expectDiagnostic(ds, 'sc-invalid-bind', 13, { text, covers: '127.0.0.1' });
  expectDiagnostic(ds, 'sc-uds-capture-mode', 18, { text, covers: 'IPTABLES' });
  expectFixResolves(text, 'sc-uds-capture-mode', 18);
});

test('sc-duplicate-port: two ingress listeners on one port', () => {
  const text = sc('  ingress:\n  - port:\n      number: 80\n  - port:\n      number: 80\n');
  const d = expectDiagnostic(diagnose(text), 'sc-duplicate-port', 10, { text, covers: '80' });
  assert.equal(d.relatedInformation?.[0].location.range.start.line, 8);
  expectNone(
    diagnose(
      sc(
        '  ingress:\n  - port:\n      number: 80\n  egress:\n  - port:\n      number: 80\n    hosts: ["./*"]\n',
      ),
    ),
    'sc-duplicate-port',
  );
});

test('sc-invalid-default-endpoint', () => {
  const text = sc(
    '  ingress:\n  - port:\n      number: 80\n    defaultEndpoint: 10.0.0.1:8080\n  - port:\n      number: 81\n    defaultEndpoint: 127.0.0.1\n',
  );
  const ds = diagnose(text);
  expectDiagnostic(ds, 'sc-invalid-default-endpoint', 9, { text, covers: '10.0.0.1:8080' });
  expectDiagnostic(ds, 'sc-invalid-default-endpoint', 12, { text, covers: '127.0.0.1' });
  expectNone(
    diagnose(sc('  ingress:\n  - port:\n      number: 80\n    defaultEndpoint: ":8080"\n')),
    'sc-invalid-default-endpoint',
  );
});

test('sc-selector-without-labels: the fix removes the empty selector', () => {
  expectFixResolves(
    sc('  workloadSelector: {}\n  egress:\n  - hosts: ["./*"]\n'),
    'sc-selector-without-labels',
    6,
  );
});
