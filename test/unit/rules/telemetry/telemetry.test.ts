import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { expectFixResolves } from '../applyFix';

/** A Telemetry; `spec` starts on line 5. */
const tel = (spec: string): string => `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata:
  name: t
spec:
${spec}`;

test('a valid Telemetry has no diagnostics', () => {
  expectNone(
    diagnose(
      tel(`  selector:
    matchLabels:
      app: a
  tracing:
  - providers:
    - name: zipkin
    randomSamplingPercentage: 10
    customTags:
      env:
        literal:
          value: prod
  metrics:
  - overrides:
    - tagOverrides:
        request_protocol:
          operation: REMOVE
        custom:
          value: "'x'"
  accessLogging:
  - providers:
    - name: envoy
`),
    ),
  );
});

test('tel-selector-without-labels and tel-invalid-target-ref', () => {
  const t1 = tel('  selector: {}\n');
  expectDiagnostic(diagnose(t1), 'tel-selector-without-labels', 5, { text: t1, covers: 'selector' });
  const t2 = tel('  targetRef:\n    kind: Pod\n    name: p\n');
  expectDiagnostic(diagnose(t2), 'tel-invalid-target-ref', 6, { text: t2, covers: 'Pod' });
  expectNone(
    diagnose(tel('  targetRef:\n    kind: Gateway\n    group: gateway.networking.k8s.io\n    name: g\n')),
    'tel-invalid-target-ref',
  );
  expectFixResolves(t1, 'tel-selector-without-labels', 5);
  expectFixResolves(
    tel('  targetRefs:\n  - kind: GatewayClass\n    name: istio\n'),
    'tel-invalid-target-ref',
    6,
  );
});

test('tel-multiple-tracing: two tracing entries are a warning', () => {
  const text = tel('  tracing:\n  - randomSamplingPercentage: 1\n  - randomSamplingPercentage: 2\n');
  const d = expectDiagnostic(diagnose(text), 'tel-multiple-tracing', 5, { text, covers: 'tracing' });
  assert.equal(d.severity, 2);
  expectNone(diagnose(tel('  tracing:\n  - randomSamplingPercentage: 1\n')), 'tel-multiple-tracing');
});

test('tel-multiple-tracing-providers: two providers in one entry are a warning', () => {
  const text = tel('  tracing:\n  - providers:\n    - name: a\n    - name: b\n');
  expectDiagnostic(diagnose(text), 'tel-multiple-tracing-providers', 6, { text, covers: 'providers' });
  expectNone(diagnose(tel('  tracing:\n  - providers:\n    - name: a\n')), 'tel-multiple-tracing-providers');
});

test('tel-empty-custom-tag-name: an empty tag name is an error', () => {
  const text = tel('  tracing:\n  - customTags:\n      "":\n        literal:\n          value: x\n');
  expectDiagnostic(diagnose(text), 'tel-empty-custom-tag-name', 7, { text, covers: '""' });
});

test('tel-tag-override-without-value: no operation and no value is an error', () => {
  const text = tel(
    '  metrics:\n  - overrides:\n    - tagOverrides:\n        foo:\n          value: ""\n        bar: {}\n',
  );
  const ds = diagnose(text);
  expectDiagnostic(ds, 'tel-tag-override-without-value', 8, { text, covers: 'foo' });
  expectDiagnostic(ds, 'tel-tag-override-without-value', 10, { text, covers: 'bar' });
  expectNone(
    diagnose(tel('  metrics:\n  - overrides:\n    - tagOverrides:\n        foo:\n          value: "1"\n')),
    'tel-tag-override-without-value',
  );
});

test('tel-empty-tag-override-name: an empty name is a warning', () => {
  const text = tel(
    '  metrics:\n  - overrides:\n    - tagOverrides:\n        "":\n          operation: REMOVE\n',
  );
  const d = expectDiagnostic(diagnose(text), 'tel-empty-tag-override-name', 8, { text, covers: '""' });
  assert.equal(d.severity, 2);
});
