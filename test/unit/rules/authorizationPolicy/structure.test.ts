import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { expectFixResolves } from '../applyFix';
import { ap } from './ap';

test('ap-empty-from / ap-empty-to: absent lists are fine', () => {
  expectNone(
    diagnose(ap('  rules:\n  - when:\n    - key: source.ip\n      values: ["1.2.3.4"]\n')),
    'ap-empty-from',
    'ap-empty-to',
  );
});

test('ap-empty-from: from: [] is reported and the fix removes it', () => {
  const text = ap('  rules:\n  - from: []\n    to:\n    - operation:\n        methods: ["GET"]\n');
  expectDiagnostic(diagnose(text), 'ap-empty-from', 7, { text, covers: 'from' });
  expectFixResolves(text, 'ap-empty-from', 7);
});

test('ap-empty-to: to: [] is reported and the fix removes it', () => {
  const text = ap('  rules:\n  - from:\n    - source:\n        namespaces: ["a"]\n    to: []\n');
  expectDiagnostic(diagnose(text), 'ap-empty-to', 10, { text, covers: 'to' });
  expectFixResolves(text, 'ap-empty-to', 10);
});

test('ap-missing-source: a from entry without source is reported on its first key', () => {
  const text = ap('  rules:\n  - from:\n    - sources:\n        namespaces: ["a"]\n');
  expectDiagnostic(diagnose(text), 'ap-missing-source', 8, { text, covers: 'sources' });
  expectNone(
    diagnose(ap('  rules:\n  - from:\n    - source:\n        namespaces: ["a"]\n')),
    'ap-missing-source',
  );
});

test('ap-missing-operation: a to entry without operation is reported', () => {
  const text = ap('  rules:\n  - to:\n    - {}\n');
  expectDiagnostic(diagnose(text), 'ap-missing-operation', 8, { text, covers: '{}' });
  expectNone(
    diagnose(ap('  rules:\n  - to:\n    - operation:\n        ports: ["80"]\n')),
    'ap-missing-operation',
  );
});

test('ap-empty-source: a source with only empty lists is reported', () => {
  const text = ap('  rules:\n  - from:\n    - source:\n        principals: []\n');
  expectDiagnostic(diagnose(text), 'ap-empty-source', 8, { text, covers: 'source' });
  expectNone(
    diagnose(ap('  rules:\n  - from:\n    - source:\n        trustDomains: ["td"]\n')),
    'ap-empty-source',
  );
});

test('ap-empty-operation: an empty operation is reported', () => {
  const text = ap('  rules:\n  - to:\n    - operation: {}\n');
  expectDiagnostic(diagnose(text), 'ap-empty-operation', 8, { text, covers: 'operation' });
  expectNone(
    diagnose(ap('  rules:\n  - to:\n    - operation:\n        notHosts: ["a.com"]\n')),
    'ap-empty-operation',
  );
});
