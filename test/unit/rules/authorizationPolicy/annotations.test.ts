import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { expectFixResolves } from '../applyFix';
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
