import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { expectFixResolves } from '../applyFix';
import { se } from './se';

test('valid ServiceEntries have no diagnostics', () => {
  expectNone(
    diagnose(
      se(`  hosts: ["api.example.com"]
  location: MESH_EXTERNAL
  ports:
  - number: 443
    name: https
    protocol: TLS
  resolution: DNS
`),
    ),
  );
  expectNone(
    diagnose(
      se(`  hosts: ["db.internal"]
  addresses: ["10.1.0.0/16"]
  ports:
  - number: 5432
    name: tcp-db
    protocol: TCP
  resolution: STATIC
  endpoints:
  - address: 10.1.0.5
    ports:
      tcp-db: 15432
    labels:
      app: db
  exportTo: [".", "other"]
`),
    ),
  );
  expectNone(
    diagnose(
      se(`  hosts: ["*.example.com"]
  ports:
  - number: 80
    name: http
    protocol: HTTP
  resolution: DYNAMIC_DNS
`),
    ),
  );
});

test('se-selector-without-labels and se-invalid-workload-selector', () => {
  const t1 = se('  hosts: ["a.example.com"]\n  resolution: STATIC\n  workloadSelector:\n    labels: {}\n');
  const d = expectDiagnostic(diagnose(t1), 'se-selector-without-labels', 8, {
    text: t1,
    covers: 'workloadSelector',
  });
  assert.equal(d.severity, 2);
  const t2 = se(
    '  hosts: ["a.example.com"]\n  resolution: STATIC\n  workloadSelector:\n    labels:\n      "app*": a\n',
  );
  expectDiagnostic(diagnose(t2), 'se-invalid-workload-selector', 10, { text: t2, covers: '"app*"' });
  expectNone(
    diagnose(
      se(
        '  hosts: ["a.example.com"]\n  resolution: STATIC\n  workloadSelector:\n    labels:\n      app: a\n',
      ),
    ),
    'se-invalid-workload-selector',
    'se-selector-without-labels',
  );
});

test('se-invalid-host and se-partial-wildcard-host', () => {
  const text = se('  hosts:\n  - bad_host.com\n  - "*foo.com"\n  - 10.0.0.1\n');
  const ds = diagnose(text);
  expectDiagnostic(ds, 'se-invalid-host', 7, { text, covers: 'bad_host.com' });
  expectDiagnostic(ds, 'se-invalid-host', 9, { text, covers: '10.0.0.1' });
  const w = expectDiagnostic(ds, 'se-partial-wildcard-host', 8, { text, covers: '"*foo.com"' });
  assert.equal(w.severity, 2);
  expectNone(diagnose(se('  hosts: ["*foo.com"]\n  resolution: DYNAMIC_DNS\n')), 'se-partial-wildcard-host');
});

test('se-invalid-address: host names and bad CIDRs', () => {
  const text = se('  hosts: ["a.example.com"]\n  addresses:\n  - db.example.com\n  - 10.0.0.0/40\n');
  const ds = diagnose(text);
  expectDiagnostic(ds, 'se-invalid-address', 8, { text, covers: 'db.example.com' });
  expectDiagnostic(ds, 'se-invalid-address', 9, { text, covers: '10.0.0.0/40' });
});

test('a repeated port name, se-invalid-port-name and se-unsupported-protocol', () => {
  const text = se(`  hosts: ["a.example.com"]
  addresses: ["10.0.0.1"]
  ports:
  - number: 80
    name: http
    protocol: HTTP
  - number: 8080
    name: http
    protocol: HTTP
  - number: 9090
    name: Bad_Name
    protocol: HTTPX
`);
  const ds = diagnose(text);
  // ports is a list of type map keyed by name: the API server's duplicate check is the one
  // diagnostic for the repeated name (no second, webhook-style report on the same field).
  expectDiagnostic(ds, 'duplicate-list-item', 13, { text, covers: 'http' });
  assert.equal(ds.filter((d) => d.range.start.line === 13).length, 1);
  expectDiagnostic(ds, 'se-invalid-port-name', 16, { text, covers: 'Bad_Name' });
  expectDiagnostic(ds, 'se-unsupported-protocol', 17, { text, covers: 'HTTPX' });
});

test('se-addresses-required: TCP with resolution NONE and no addresses', () => {
  const text = se(
    '  hosts: ["a.example.com"]\n  ports:\n  - number: 27017\n    name: mongo\n    protocol: TCP\n  - number: 9000\n    name: raw\n',
  );
  const ds = diagnose(text);
  const d = expectDiagnostic(ds, 'se-addresses-required', 10, { text, covers: 'TCP' });
  assert.equal(d.severity, 2);
  expectDiagnostic(ds, 'se-addresses-required', 11, { text, covers: 'number' });
  expectNone(
    diagnose(
      se(
        '  hosts: ["a.example.com"]\n  resolution: DNS\n  ports:\n  - number: 9000\n    name: raw\n    protocol: TCP\n',
      ),
    ),
    'se-addresses-required',
  );
  const optOut = se(
    '  hosts: ["a.example.com"]\n  resolution: DNS\n  ports:\n  - number: 9000\n    name: raw\n    protocol: TCP\n',
    '  labels:\n    networking.istio.io/enable-autoallocate-ip: "false"\n',
  );
  expectDiagnostic(diagnose(optOut), 'se-addresses-required', 13, { text: optOut, covers: 'TCP' });
});

test('se-workload-selector-with-resolution-none: the fix sets STATIC', () => {
  const text = se('  hosts: ["a.example.com"]\n  workloadSelector:\n    labels:\n      app: a\n');
  expectDiagnostic(diagnose(text), 'se-workload-selector-with-resolution-none', 7, {
    text,
    covers: 'workloadSelector',
  });
  expectFixResolves(text, 'se-workload-selector-with-resolution-none', 7);
});

test('se fixes: the protocol did-you-mean and removing an empty workloadSelector resolve their diagnostics', () => {
  const text = se(
    '  hosts: ["a.example.com"]\n  addresses: ["10.0.0.1"]\n  ports:\n  - number: 80\n    name: http\n    protocol: HTTTP\n',
  );
  expectFixResolves(text, 'se-unsupported-protocol', 11);
  const t2 = se('  hosts: ["a.example.com"]\n  resolution: STATIC\n  workloadSelector:\n    labels: {}\n');
  expectFixResolves(t2, 'se-selector-without-labels', 8);
});
