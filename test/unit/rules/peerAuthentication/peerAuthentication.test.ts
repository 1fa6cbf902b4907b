import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { expectFixResolves } from '../applyFix';

const pa = (spec: string): string => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: p
  namespace: ns
spec:
${spec}`;

test('a valid PeerAuthentication with port-level mTLS has no diagnostics', () => {
  expectNone(
    diagnose(
      pa(
        '  selector:\n    matchLabels:\n      app: a\n  mtls:\n    mode: STRICT\n  portLevelMtls:\n    8080:\n      mode: DISABLE\n',
      ),
    ),
  );
  expectNone(diagnose(pa('  mtls:\n    mode: PERMISSIVE\n')));
});

test('pa-selector-without-labels: an empty matchLabels is a warning on the selector key', () => {
  const text = pa('  selector:\n    matchLabels: {}\n  mtls:\n    mode: STRICT\n');
  const d = expectDiagnostic(diagnose(text), 'pa-selector-without-labels', 6, { text, covers: 'selector' });
  if (d.severity !== 2) throw new Error('expected a warning');
  expectFixResolves(text, 'pa-selector-without-labels', 6);
});

test('port-level mTLS without a selector, a bad port and an empty map are left to the CRD rules', () => {
  const ds = diagnose(pa('  portLevelMtls:\n    0:\n      mode: STRICT\n'));
  const messages = ds.map((d) => d.message).join('\n');
  if (!/requires selector/.test(messages) || !/1-65535/.test(messages)) throw new Error(messages);
  expectNone(ds, 'pa-selector-without-labels');
});
