import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { ap } from './ap';

const code = 'ap-custom-without-provider';

test(`${code}: a CUSTOM policy with a provider name is fine`, () => {
  expectNone(diagnose(ap('  action: CUSTOM\n  provider:\n    name: ext-authz\n  rules:\n  - {}\n')), code);
});

test(`${code}: a CUSTOM policy without provider is reported on the action`, () => {
  const text = ap('  action: CUSTOM\n  rules:\n  - {}\n');
  expectDiagnostic(diagnose(text), code, 6, { text, covers: 'CUSTOM' });
});

test(`${code}: an empty provider name is reported on the name`, () => {
  const text = ap('  action: CUSTOM\n  provider:\n    name: ""\n  rules:\n  - {}\n');
  expectDiagnostic(diagnose(text), code, 8, { text, covers: '""' });
});

test(`${code}: without rules only the missing rules are reported`, () => {
  expectNone(diagnose(ap('  action: CUSTOM\n')), code);
});
