import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { expectFixResolves } from '../applyFix';
import { ap } from './ap';

test('ap-selector-without-labels: a selector with labels is fine', () => {
  expectNone(diagnose(ap('  selector:\n    matchLabels:\n      app: a\n')), 'ap-selector-without-labels');
});

test('ap-selector-without-labels: an empty selector is a warning on the selector key; the fix removes it', () => {
  const text = ap('  selector: {}\n  action: ALLOW\n');
  const d = expectDiagnostic(diagnose(text), 'ap-selector-without-labels', 6, { text, covers: 'selector' });
  if (d.severity !== 2) throw new Error('expected a warning');
  expectFixResolves(text, 'ap-selector-without-labels', 6);
});

test('ap-invalid-target-ref: allowed targets pass', () => {
  expectNone(
    diagnose(
      ap(`  targetRefs:
  - kind: Service
    name: a
  - kind: Service
    group: core
    name: b
  - kind: ServiceEntry
    group: networking.istio.io
    name: c
  - kind: Gateway
    group: gateway.networking.k8s.io
    name: d
  - kind: GatewayClass
    group: gateway.networking.k8s.io
    name: e
`),
    ),
    'ap-invalid-target-ref',
  );
});

test('ap-invalid-target-ref: wrong group and unknown kind are reported (an empty name is left to the schema)', () => {
  const text = ap(`  targetRefs:
  - kind: Gateway
    name: gw
  - kind: Deployment
    name: x
  - kind: Service
    name: ""
  - kind: ServiceEntry
    group: networking.k8s.io
    name: se
`);
  const ds = diagnose(text);
  expectDiagnostic(ds, 'ap-invalid-target-ref', 7, { text, covers: 'Gateway' });
  expectDiagnostic(ds, 'ap-invalid-target-ref', 9, { text, covers: 'Deployment' });
  expectNone(
    ds.filter((d) => d.range.start.line === 12),
    'ap-invalid-target-ref',
  );
  expectDiagnostic(ds, 'ap-invalid-target-ref', 14, { text, covers: 'networking.k8s.io' });
});

test('ap-invalid-target-ref: the group fixes resolve it', () => {
  expectFixResolves(ap('  targetRef:\n    kind: Gateway\n    name: gw\n'), 'ap-invalid-target-ref', 7);
  expectFixResolves(
    ap('  targetRef:\n    kind: ServiceEntry\n    group: networking.k8s.io\n    name: se\n'),
    'ap-invalid-target-ref',
    8,
  );
});
