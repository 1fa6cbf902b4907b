import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';

/** A WorkloadEntry; `spec` starts on line 5. */
const we = (spec: string): string => `apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata:
  name: w
spec:
${spec}`;

test('valid WorkloadEntries have no diagnostics', () => {
  expectNone(
    diagnose(
      we('  address: 10.0.0.1\n  ports:\n    http: 8080\n  labels:\n    app: a\n    example.com/tier: ""\n'),
    ),
  );
  expectNone(diagnose(we('  address: vm1.example.com\n')));
  expectNone(diagnose(we('  address: 2001:db8::1\n')));
  // (unix:// addresses are checked by the CRD's CEL rules; not repeated here)
  expectNone(
    diagnose(we('  address: unix:///var/run/app.sock\n')),
    'we-invalid-address',
    'we-address-required',
  );
});

test('we-address-required: an empty address without network is an error', () => {
  const text = we('  address: ""\n  labels:\n    app: a\n');
  expectDiagnostic(diagnose(text), 'we-address-required', 5, { text, covers: '""' });
  expectNone(diagnose(we('  address: ""\n  network: n1\n')), 'we-address-required');
});

test('we-address-unset-with-network: a network without address is a warning', () => {
  const text = we('  network: n1\n');
  const d = expectDiagnostic(diagnose(text), 'we-address-unset-with-network', 5, { text, covers: 'network' });
  assert.equal(d.severity, 2);
  expectNone(diagnose(we('  address: 10.0.0.1\n  network: n1\n')), 'we-address-unset-with-network');
});

test('we-invalid-address: neither IP nor host name', () => {
  const text = we('  address: 10.0.0.1:8080\n');
  expectDiagnostic(diagnose(text), 'we-invalid-address', 5, { text, covers: '10.0.0.1:8080' });
  const t2 = we('  address: my_vm.example.com\n');
  expectDiagnostic(diagnose(t2), 'we-invalid-address', 5, { text: t2, covers: 'my_vm.example.com' });
});

test('we-invalid-labels: bad keys and values are reported on the key or value', () => {
  const text = we('  address: 10.0.0.1\n  labels:\n    -app: a\n    version: v1!\n    a/b/c: x\n');
  const ds = diagnose(text);
  expectDiagnostic(ds, 'we-invalid-labels', 7, { text, covers: '-app' });
  expectDiagnostic(ds, 'we-invalid-labels', 8, { text, covers: 'v1!' });
  expectDiagnostic(ds, 'we-invalid-labels', 9, { text, covers: 'a/b/c' });
});
