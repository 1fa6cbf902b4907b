import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { expectFixResolves } from '../applyFix';
import { sc } from './sc';

test('sc-egress-catch-all: a portless listener must be last', () => {
  const text = sc('  egress:\n  - hosts: ["./*"]\n  - port:\n      number: 80\n    hosts: ["./*"]\n');
  expectDiagnostic(diagnose(text), 'sc-egress-catch-all', 7, { text, covers: 'hosts' });
  expectNone(
    diagnose(sc('  egress:\n  - port:\n      number: 80\n    hosts: ["./*"]\n  - hosts: ["./*"]\n')),
    'sc-egress-catch-all',
  );
});

test('sc-egress-no-hosts', () => {
  const text = sc('  egress:\n  - hosts: []\n');
  expectDiagnostic(diagnose(text), 'sc-egress-no-hosts', 7, { text, covers: 'hosts' });
});

test('sc-invalid-egress-host: missing namespace, short names, partial wildcards', () => {
  const text = sc(
    '  egress:\n  - hosts:\n    - reviews.default.svc.cluster.local\n    - ns/reviews\n    - "*/*foo.com"\n    - "bad_ns/a.com"\n',
  );
  const ds = diagnose(text);
  expectDiagnostic(ds, 'sc-invalid-egress-host', 8, { text, covers: 'reviews.default.svc.cluster.local' });
  expectDiagnostic(ds, 'sc-invalid-egress-host', 9, { text, covers: 'ns/reviews' });
  expectDiagnostic(ds, 'sc-invalid-egress-host', 10, { text, covers: '"*/*foo.com"' });
  expectDiagnostic(ds, 'sc-invalid-egress-host', 11, { text, covers: '"bad_ns/a.com"' });
});

test('sc-duplicate-egress-host: repeats, namespace wildcards and */*', () => {
  const text = sc('  egress:\n  - hosts:\n    - "ns1/*"\n    - "ns1/a.example.com"\n    - "*/*"\n');
  const ds = diagnose(text);
  assert.equal(
    expectDiagnostic(ds, 'sc-duplicate-egress-host', 9, { text, covers: '"ns1/a.example.com"' }).severity,
    2,
  );
  expectDiagnostic(ds, 'sc-duplicate-egress-host', 7, { text, covers: 'hosts' });
  expectNone(
    diagnose(sc('  egress:\n  - hosts: ["ns1/a.example.com", "ns2/a.example.com"]\n')),
    'sc-duplicate-egress-host',
  );
});

test('sc-egress-proxy-mode: the fix sets ALLOW_ANY', () => {
  const text = sc(
    '  outboundTrafficPolicy:\n    egressProxy:\n      host: proxy.example.com\n      port:\n        number: 3128\n',
  );
  expectDiagnostic(diagnose(text), 'sc-egress-proxy-mode', 7, { text, covers: 'egressProxy' });
  expectFixResolves(text, 'sc-egress-proxy-mode', 7);
});

test('sc-invalid-egress-proxy: short host and missing port', () => {
  const text = sc('  outboundTrafficPolicy:\n    mode: ALLOW_ANY\n    egressProxy:\n      host: "*.proxy"\n');
  const ds = diagnose(text);
  expectDiagnostic(ds, 'sc-invalid-egress-proxy', 9, { text, covers: '"*.proxy"' });
  expectDiagnostic(ds, 'sc-invalid-egress-proxy', 8, { text, covers: 'egressProxy' });
});
