import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { expectFixResolves } from '../applyFix';
import { se } from './se';

const withEndpoints = (
  resolution: string,
  endpoints: string,
  ports = '  ports:\n  - number: 80\n    name: http\n    protocol: HTTP\n',
): string =>
  se(`  hosts: ["a.example.com"]\n${ports}  resolution: ${resolution}\n  endpoints:\n${endpoints}`);

test('se-invalid-endpoint-address: STATIC takes IPs only, DNS takes IPs and names', () => {
  const text = withEndpoints('STATIC', '  - address: vm.example.com\n  - address: 10.0.0.1\n');
  expectDiagnostic(diagnose(text), 'se-invalid-endpoint-address', 13, { text, covers: 'vm.example.com' });
  expectNone(diagnose(withEndpoints('DNS', '  - address: vm.example.com\n')), 'se-invalid-endpoint-address');
  const t2 = withEndpoints('DNS', '  - address: vm_1.example.com\n');
  expectDiagnostic(diagnose(t2), 'se-invalid-endpoint-address', 13, { text: t2, covers: 'vm_1.example.com' });
  const t3 = withEndpoints('STATIC', '  - address: ""\n');
  expectDiagnostic(diagnose(t3), 'se-invalid-endpoint-address', 13, { text: t3, covers: '""' });
});

test('se-endpoint-address-unset-with-network: a warning on the network', () => {
  const text = withEndpoints('STATIC', '  - network: n1\n');
  const d = expectDiagnostic(diagnose(text), 'se-endpoint-address-unset-with-network', 13, {
    text,
    covers: 'network',
  });
  assert.equal(d.severity, 2);
  expectNone(
    diagnose(withEndpoints('STATIC', '  - address: 1.2.3.4\n    network: n1\n')),
    'se-endpoint-address-unset-with-network',
  );
});

test('se-unix-endpoint-port-count: a unix endpoint needs exactly one port', () => {
  const ports =
    '  ports:\n  - number: 80\n    name: http\n    protocol: HTTP\n  - number: 81\n    name: http2\n    protocol: HTTP\n';
  const text = withEndpoints('STATIC', '  - address: unix:///var/run/a.sock\n', ports);
  expectDiagnostic(diagnose(text), 'se-unix-endpoint-port-count', 16, {
    text,
    covers: 'unix:///var/run/a.sock',
  });
  expectNone(
    diagnose(withEndpoints('STATIC', '  - address: unix:///var/run/a.sock\n')),
    'se-unix-endpoint-port-count',
  );
});

test('se-undefined-endpoint-port: did-you-mean fix', () => {
  const text = withEndpoints('STATIC', '  - address: 10.0.0.1\n    ports:\n      htp: 8080\n');
  expectDiagnostic(diagnose(text), 'se-undefined-endpoint-port', 15, { text, covers: 'htp' });
  expectFixResolves(text, 'se-undefined-endpoint-port', 15);
  expectNone(
    diagnose(withEndpoints('STATIC', '  - address: 10.0.0.1\n    ports:\n      http: 8080\n')),
    'se-undefined-endpoint-port',
  );
});

test('se-invalid-endpoint-labels: bad label values', () => {
  const text = withEndpoints('STATIC', '  - address: 10.0.0.1\n    labels:\n      version: "v1 beta"\n');
  expectDiagnostic(diagnose(text), 'se-invalid-endpoint-labels', 15, { text, covers: '"v1 beta"' });
});

test('se-dns-host-not-fqdn: wildcard hosts with DNS and no endpoints', () => {
  const text = se(
    '  hosts: ["*.example.com"]\n  ports:\n  - number: 80\n    name: http\n    protocol: HTTP\n  resolution: DNS\n',
  );
  expectDiagnostic(diagnose(text), 'se-dns-host-not-fqdn', 6, { text, covers: '"*.example.com"' });
  expectNone(
    diagnose(
      withEndpoints('DNS', '  - address: a.example.com\n').replace('"a.example.com"]', '"*.example.com"]'),
    ),
    'se-dns-host-not-fqdn',
  );
});

test('se-multiple-hosts-with-address: a warning for DNS with addresses and TCP', () => {
  const text = se(
    '  hosts: ["a.example.com", "b.example.com"]\n  addresses: ["10.0.0.1"]\n  ports:\n  - number: 443\n    name: tls\n    protocol: TLS\n  resolution: DNS\n',
  );
  const d = expectDiagnostic(diagnose(text), 'se-multiple-hosts-with-address', 7, {
    text,
    covers: 'addresses',
  });
  assert.equal(d.severity, 2);
});

test('se-multiple-hosts-non-http: several hosts with a TCP port', () => {
  const text = se(
    '  hosts: ["a.example.com", "b.example.com"]\n  ports:\n  - number: 80\n    name: http\n    protocol: HTTP\n  - number: 9000\n    name: tcp\n    protocol: TCP\n  resolution: DNS\n',
  );
  expectDiagnostic(diagnose(text), 'se-multiple-hosts-non-http', 13, { text, covers: 'TCP' });
  expectNone(diagnose(text.replace('resolution: DNS', 'resolution: NONE')), 'se-multiple-hosts-non-http');
});

test('se-dynamic-dns-*: hosts, addresses and protocols', () => {
  const text = se(
    '  hosts: ["a.example.com"]\n  addresses: ["10.0.0.1"]\n  ports:\n  - number: 9000\n    name: tcp\n    protocol: TCP\n  resolution: DYNAMIC_DNS\n',
  );
  const ds = diagnose(text);
  expectDiagnostic(ds, 'se-dynamic-dns-host', 6, { text, covers: '"a.example.com"' });
  expectDiagnostic(ds, 'se-dynamic-dns-addresses', 7, { text, covers: 'addresses' });
  expectDiagnostic(ds, 'se-dynamic-dns-protocol', 11, { text, covers: 'TCP' });
  expectFixResolves(text, 'se-dynamic-dns-addresses', 7);
});

test('se-export-to: "~" only on its own, no duplicates', () => {
  expectNone(diagnose(se('  hosts: ["a.example.com"]\n  exportTo: ["~"]\n')), 'se-export-to');
  const text = se('  hosts: ["a.example.com"]\n  exportTo:\n  - "~"\n  - "."\n  - ns\n');
  const ds = diagnose(text);
  expectDiagnostic(ds, 'se-export-to', 8, { text, covers: '"~"' });
  expectDiagnostic(ds, 'se-export-to', 10, { text, covers: 'ns' });
});
