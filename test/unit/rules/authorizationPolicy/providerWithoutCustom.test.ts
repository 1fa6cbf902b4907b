import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { expectFixResolves } from '../applyFix';
import { ap } from './ap';

const code = 'ap-provider-without-custom';
const text = ap('  action: DENY\n  provider:\n    name: ext\n  rules:\n  - {}\n');

test(`${code}: a provider on a CUSTOM policy is fine`, () => {
  expectNone(diagnose(ap('  action: CUSTOM\n  provider:\n    name: ext\n  rules:\n  - {}\n')), code);
});

test(`${code}: a provider on a DENY policy is reported on provider, pointing at the action`, () => {
  const d = expectDiagnostic(diagnose(text), code, 7, { text, covers: 'provider' });
  assert.equal(d.relatedInformation?.[0].location.range.start.line, 6);
});

test(`${code}: a provider with the default action is reported`, () => {
  const t = ap('  provider:\n    name: ext\n');
  expectDiagnostic(diagnose(t), code, 6, { text: t, covers: 'provider' });
  expectFixResolves(t, code, 6, 'Remove provider');
});

test(`${code}: both fixes resolve it`, () => {
  expectFixResolves(text, code, 7, 'Set action to CUSTOM');
  expectFixResolves(text, code, 7, 'Remove provider');
});
