import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { expectFixResolves } from '../applyFix';
import { ap } from './ap';

const custom = (rule: string): string =>
  ap(`  action: CUSTOM\n  provider:\n    name: ext\n  rules:\n${rule}`);

test('ap-custom-unsupported-source: ipBlocks in a CUSTOM policy are fine; namespaces in ALLOW too', () => {
  expectNone(
    diagnose(custom('  - from:\n    - source:\n        ipBlocks: ["1.2.3.4"]\n')),
    'ap-custom-unsupported-source',
  );
  expectNone(
    diagnose(ap('  rules:\n  - from:\n    - source:\n        namespaces: ["a"]\n')),
    'ap-custom-unsupported-source',
  );
});

test('ap-custom-unsupported-source: principals in a CUSTOM policy are reported on the field', () => {
  const text = custom('  - from:\n    - source:\n        principals: ["a"]\n        ipBlocks: ["1.2.3.4"]\n');
  expectDiagnostic(diagnose(text), 'ap-custom-unsupported-source', 12, { text, covers: 'principals' });
  expectFixResolves(text, 'ap-custom-unsupported-source', 12);
});

test('ap-custom-unsupported-condition: header conditions are fine in CUSTOM', () => {
  expectNone(
    diagnose(custom('  - when:\n    - key: request.headers[x]\n      values: ["a"]\n')),
    'ap-custom-unsupported-condition',
  );
});

test('ap-custom-unsupported-condition: request.auth.* and source.principal keys are reported', () => {
  const text = custom(
    '  - when:\n    - key: request.auth.claims[iss]\n      values: ["a"]\n    - key: source.principal\n      values: ["b"]\n',
  );
  const ds = diagnose(text);
  expectDiagnostic(ds, 'ap-custom-unsupported-condition', 11, { text, covers: 'request.auth.claims[iss]' });
  expectDiagnostic(ds, 'ap-custom-unsupported-condition', 13, { text, covers: 'source.principal' });
});
