import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { expectFixResolves } from '../applyFix';
import { ap } from './ap';

const code = 'ap-action-without-rules';

test(`${code}: DENY and CUSTOM with rules, and ALLOW without, are fine`, () => {
  expectNone(diagnose(ap('  action: DENY\n  rules:\n  - {}\n')), code);
  expectNone(diagnose(ap('  action: ALLOW\n')), code);
});

test(`${code}: DENY without rules is reported on the action`, () => {
  const text = ap('  selector:\n    matchLabels:\n      app: a\n  action: DENY\n');
  expectDiagnostic(diagnose(text), code, 9, { text, covers: 'DENY' });
});

test(`${code}: CUSTOM with an empty rules list is reported`, () => {
  const text = ap('  action: CUSTOM\n  provider:\n    name: ext\n  rules: []\n');
  expectDiagnostic(diagnose(text), code, 6, { text, covers: 'CUSTOM' });
});

test(`${code}: the fix adds an empty rule`, () => {
  const text = ap('  selector:\n    matchLabels:\n      app: a\n  action: DENY\n');
  const fixed = expectFixResolves(text, code, 9);
  if (!fixed.endsWith('  action: DENY\n  rules:\n  - {}\n')) throw new Error(fixed);
  expectFixResolves(ap('  action: DENY\n  rules: []\n'), code, 6);
});

test(`${code}: the fix lands inside spec even when spec ends with a block and another key follows`, () => {
  const text = ap('  action: DENY\n  selector:\n    matchLabels:\n      app: a\nstatus: {}\n');
  const fixed = expectFixResolves(text, code, 6);
  if (!fixed.includes('      app: a\n  rules:\n  - {}\nstatus: {}\n')) throw new Error(fixed);
});
