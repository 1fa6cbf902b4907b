import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dryRunAnnotation } from '../../../../server/src/service/rules/authorizationPolicy/dryRunAnnotation';
import { internalAnnotation } from '../../../../server/src/service/rules/authorizationPolicy/internalAnnotation';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { dr, expectFixResolves, ROUTE, vs } from '../applyFix';
import { ap } from './ap';

const annotated = (value: string): string => `  annotations:\n    istio.io/dry-run: ${value}\n`;

test('dry-run-annotation: "true" on an ALLOW or DENY policy is fine', () => {
  expectNone(diagnose(ap('  action: DENY\n  rules:\n  - {}\n', annotated('"true"'))), 'dry-run-annotation');
  expectNone(diagnose(ap('  rules:\n  - {}\n', annotated('"False"'))), 'dry-run-annotation');
});

test('dry-run-annotation: a value that is not a boolean is reported on the value', () => {
  const text = ap('  rules:\n  - {}\n', annotated('"yes"'));
  expectDiagnostic(diagnose(text), 'dry-run-annotation', 6, { text, covers: '"yes"' });
});

test('dry-run-annotation: a CUSTOM policy cannot be dry-run', () => {
  const text = ap('  action: CUSTOM\n  provider:\n    name: ext\n  rules:\n  - {}\n', annotated('"true"'));
  expectDiagnostic(diagnose(text), 'dry-run-annotation', 6, { text, covers: 'istio.io/dry-run' });
  expectFixResolves(text, 'dry-run-annotation', 6);
});

test('dry-run-annotation: other kinds may not carry it; the fix removes it', () => {
  const text = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: p
  annotations:
    istio.io/dry-run: "true"
spec:
  mtls:
    mode: STRICT
`;
  expectDiagnostic(diagnose(text), 'dry-run-annotation', 5, { text, covers: 'istio.io/dry-run' });
  expectFixResolves(text, 'dry-run-annotation', 5);
});

test('internal-annotation: reserved annotations are reported; others are fine', () => {
  expectNone(
    diagnose(ap('  rules:\n  - {}\n', '  annotations:\n    example.com/a: b\n')),
    'internal-annotation',
  );
  const text = ap('  rules:\n  - {}\n', '  annotations:\n    internal.istio.io/parents: x\n');
  expectDiagnostic(diagnose(text), 'internal-annotation', 6, { text, covers: 'internal.istio.io/parents' });
  expectFixResolves(text, 'internal-annotation', 6);
});

// VALIDATION-RULES.md §0.5: both metadata checks apply to every kind, VirtualService and
// DestinationRule included.
const withAnnotation = (head: (spec: string) => string, spec: string, annotation: string): string =>
  head(spec).replace('  namespace: prod\n', `  namespace: prod\n  annotations:\n    ${annotation}\n`);

const bodies: [string, (spec: string) => string, string][] = [
  ['VirtualService', vs, '  hosts: [reviews]\n' + ROUTE],
  ['DestinationRule', dr, '  host: reviews\n'],
];

for (const [kind, head, spec] of bodies) {
  test(`dry-run-annotation and internal-annotation: a plain ${kind} is fine`, () => {
    expectNone(diagnose(withAnnotation(head, spec, 'example.com/a: b')));
  });

  test(`dry-run-annotation: a ${kind} may not carry it`, () => {
    const text = withAnnotation(head, spec, 'istio.io/dry-run: "true"');
    // 0 apiVersion, 1 kind, 2 metadata, 3 name, 4 namespace, 5 annotations, 6 the annotation
    expectDiagnostic(diagnose(text), 'dry-run-annotation', 6, { text, covers: 'istio.io/dry-run' });
  });

  test(`internal-annotation: a ${kind} may not carry internal.istio.io/parent-namespace`, () => {
    const text = withAnnotation(head, spec, 'internal.istio.io/parent-namespace: x');
    expectDiagnostic(diagnose(text), 'internal-annotation', 6, {
      text,
      covers: 'internal.istio.io/parent-namespace',
    });
  });
}

test('dry-run-annotation and internal-annotation cover every Istio config kind', () => {
  // The config kinds listed in ANALYZERS.md (one schema.ValidationAnalyzer each).
  const expected = [
    'AuthorizationPolicy',
    'DestinationRule',
    'EnvoyFilter',
    'Gateway',
    'PeerAuthentication',
    'ProxyConfig',
    'RequestAuthentication',
    'ServiceEntry',
    'Sidecar',
    'Telemetry',
    'TrafficExtension',
    'VirtualService',
    'WasmPlugin',
    'WorkloadEntry',
    'WorkloadGroup',
  ];
  for (const rule of [dryRunAnnotation, internalAnnotation])
    assert.deepEqual([...rule.kinds].sort(), expected);
});
