import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { expectFixResolves } from '../applyFix';
import { gw, server } from './gw';

const http = 'number: 80, name: http, protocol: HTTP';
const https = 'number: 443, name: https, protocol: HTTPS';

test('a valid Gateway has no diagnostics', () => {
  expectNone(
    diagnose(
      gw(`  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts: ["example.com", "ns1/*.example.com", "./*", "10.0.0.1"]
    tls:
      httpsRedirect: true
  - port:
      number: 443
      name: https
      protocol: HTTPS
    hosts: ["*"]
    tls:
      mode: SIMPLE
      credentialName: my-cert
  - port:
      number: 15443
      name: tls
      protocol: TLS
    hosts: ["*.local"]
    tls:
      mode: AUTO_PASSTHROUGH
  - port:
      number: 0
      name: uds
      protocol: HTTP
    bind: unix:///var/run/gw.sock
    hosts: ["*"]
`),
    ),
  );
});

test('gw-invalid-name: dots are not allowed in the name', () => {
  const text = gw(server(http), 'my.gateway');
  expectDiagnostic(diagnose(text), 'gw-invalid-name', 3, { text, covers: 'my.gateway' });
});

test('gw-no-servers: an empty servers list', () => {
  const text = gw('').replace('  servers:\n', '  servers: []\n');
  expectDiagnostic(diagnose(text), 'gw-no-servers', 5, { text, covers: 'servers' });
  const t2 =
    'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: g\nspec:\n  selector:\n    istio: ingress\n';
  expectDiagnostic(diagnose(t2), 'gw-no-servers', 4, { text: t2, covers: 'spec' });
});

test('gw-no-hosts: an empty hosts list; the fix serves all hosts', () => {
  const text = gw(server(http, '    hosts: []\n'));
  expectDiagnostic(diagnose(text), 'gw-no-hosts', 7, { text, covers: 'hosts' });
  expectFixResolves(text, 'gw-no-hosts', 7);
});

test('gw-invalid-host: short names, bad namespaces, partial wildcards', () => {
  const text = gw(
    server(http, '    hosts:\n    - reviews\n    - "~/a.com"\n    - "*foo.com"\n    - "ns/bad_name.com"\n'),
  );
  const ds = diagnose(text);
  expectDiagnostic(ds, 'gw-invalid-host', 8, { text, covers: 'reviews' });
  expectDiagnostic(ds, 'gw-invalid-host', 9, { text, covers: '"~/a.com"' });
  expectDiagnostic(ds, 'gw-invalid-host', 10, { text, covers: '"*foo.com"' });
  expectDiagnostic(ds, 'gw-invalid-host', 11, { text, covers: '"ns/bad_name.com"' });
});

test('gw-unsupported-protocol: unknown protocols, with a did-you-mean fix', () => {
  const text = gw(server('number: 80, name: http, protocol: HTPP'));
  expectDiagnostic(diagnose(text), 'gw-unsupported-protocol', 6, { text, covers: 'HTPP' });
  expectFixResolves(text, 'gw-unsupported-protocol', 6);
  expectNone(diagnose(gw(server('number: 80, name: http, protocol: grpc-web'))), 'gw-unsupported-protocol');
});

test('gw-invalid-port-number: range, and 0 for unix binds', () => {
  const text = gw(server('number: 70000, name: http, protocol: HTTP'));
  expectDiagnostic(diagnose(text), 'gw-invalid-port-number', 6, { text, covers: '70000' });
  const t2 = gw(server(http, '    bind: unix:///var/run/a.sock\n    hosts: ["*"]\n'));
  expectDiagnostic(diagnose(t2), 'gw-invalid-port-number', 6, { text: t2, covers: '80' });
  expectFixResolves(t2, 'gw-invalid-port-number', 6);
});

test('gw-target-port: targetPort is rejected; the fix removes it', () => {
  const text = gw(
    '  - port:\n      number: 80\n      name: http\n      protocol: HTTP\n      targetPort: 8080\n    hosts: ["*"]\n',
  );
  expectDiagnostic(diagnose(text), 'gw-target-port', 10, { text, covers: 'targetPort' });
  expectFixResolves(text, 'gw-target-port', 10);
});

test('gw-empty-port-name and gw-duplicate-port-name', () => {
  const t1 = gw(server('number: 80, name: "", protocol: HTTP'));
  expectDiagnostic(diagnose(t1), 'gw-empty-port-name', 6, { text: t1, covers: '""' });
  const t2 = gw(server(http) + server('number: 8080, name: http, protocol: HTTP'));
  const d = expectDiagnostic(diagnose(t2), 'gw-duplicate-port-name', 8, { text: t2, covers: 'http' });
  assert.equal(d.relatedInformation?.[0].location.range.start.line, 6);
  expectNone(
    diagnose(gw(server(http) + server('number: 80, name: http-2, protocol: HTTP'))),
    'gw-duplicate-port-name',
  );
});

test('gw-invalid-bind: host names and relative unix paths are rejected', () => {
  const text = gw(server(http, '    bind: localhost\n    hosts: ["*"]\n'));
  expectDiagnostic(diagnose(text), 'gw-invalid-bind', 7, { text, covers: 'localhost' });
  const t2 = gw(
    server('number: 0, name: u, protocol: HTTP', '    bind: unix://var/a.sock\n    hosts: ["*"]\n'),
  );
  expectDiagnostic(diagnose(t2), 'gw-invalid-bind', 7, { text: t2, covers: 'unix://var/a.sock' });
  expectNone(diagnose(gw(server(http, '    bind: 0.0.0.0\n    hosts: ["*"]\n'))), 'gw-invalid-bind');
});

test('gw-tls-required: HTTPS without tls', () => {
  const text = gw(server(https));
  expectDiagnostic(diagnose(text), 'gw-tls-required', 6, { text, covers: 'HTTPS' });
  expectNone(diagnose(gw(server('number: 443, name: https, protocol: HTPS'))), 'gw-tls-required');
});

test('gw-tls-not-allowed: TCP with tls, HTTP with certificates; the fix removes tls', () => {
  const text = gw(
    server(
      'number: 31400, name: tcp, protocol: TCP',
      '    hosts: ["*"]\n    tls:\n      mode: PASSTHROUGH\n',
    ),
  );
  expectDiagnostic(diagnose(text), 'gw-tls-not-allowed', 8, { text, covers: 'tls' });
  expectFixResolves(text, 'gw-tls-not-allowed', 8);
  const t2 = gw(server(http, '    hosts: ["*"]\n    tls:\n      mode: SIMPLE\n      credentialName: c\n'));
  expectDiagnostic(diagnose(t2), 'gw-tls-not-allowed', 8, { text: t2, covers: 'tls' });
});

test('gw-https-redirect-non-http: a warning on an HTTPS server; the fix removes it', () => {
  const text = gw(
    server(
      https,
      '    hosts: ["*"]\n    tls:\n      mode: SIMPLE\n      credentialName: c\n      httpsRedirect: true\n',
    ),
  );
  const d = expectDiagnostic(diagnose(text), 'gw-https-redirect-non-http', 11, {
    text,
    covers: 'httpsRedirect',
  });
  assert.equal(d.severity, 2);
  expectFixResolves(text, 'gw-https-redirect-non-http', 11);
});
