import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../shared/src/protocol';
import { diagnose, expectDiagnostic, expectNone } from '../helpers';

const BAD = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  trafficPolicy:
    connectionPool:
      tcp:
        maxConection: 100
`;

test('disable-next-line silences the named code on the next line only', () => {
  const text = BAD.replace(
    '        maxConection',
    '        # istio-lint-disable-next-line unknown-field\n        maxConection',
  );
  expectNone(diagnose(text));
  const other = BAD.replace(
    '        maxConection',
    '        # istio-lint-disable-next-line invalid-enum,unknown-field\n        maxConection',
  );
  expectNone(diagnose(other), 'unknown-field');
});

test('disable silences a code in the whole file', () => {
  expectNone(diagnose(`# istio-lint-disable unknown-field\n${BAD}`), 'unknown-field');
});

test('a suppression that matches nothing gets a hint', () => {
  const text = `# istio-lint-disable IST0131\n${BAD}`;
  const d = expectDiagnostic(diagnose(text), 'unused-suppression', 0);
  assert.equal(d.severity, 4);
  expectDiagnostic(diagnose(text), 'unknown-field', 10);
  const wrongLine = BAD.replace(
    '  host: reviews',
    '  # istio-lint-disable-next-line unknown-field\n  host: reviews',
  );
  expectDiagnostic(diagnose(wrongLine), 'unused-suppression', 5);
});

test('istio.validation.ignore drops codes', () => {
  const settings = { validation: { ...DEFAULT_SETTINGS.validation, ignore: ['unknown-field'] } };
  expectNone(diagnose(BAD, settings));
});

test('istio.validation.enable false turns validation off', () => {
  expectNone(diagnose(BAD, { validation: { ...DEFAULT_SETTINGS.validation, enable: false } }));
});

test('a # inside a value is not a suppression comment', () => {
  const text = BAD.replace(
    '  name: reviews',
    '  name: reviews\n  annotations: {a: "x#istio-lint-disable unknown-field"}',
  );
  expectDiagnostic(diagnose(text), 'unknown-field', 10);
});
