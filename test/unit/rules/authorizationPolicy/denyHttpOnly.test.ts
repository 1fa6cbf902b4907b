import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { ap } from './ap';

const code = 'ap-deny-http-only';

test(`${code}: rules with ports or TCP source fields are fine; ALLOW is never warned`, () => {
  expectNone(
    diagnose(
      ap(
        '  action: DENY\n  rules:\n  - to:\n    - operation:\n        methods: ["POST"]\n        ports: ["8080"]\n',
      ),
    ),
    code,
  );
  expectNone(
    diagnose(ap('  action: DENY\n  rules:\n  - from:\n    - source:\n        namespaces: ["a"]\n')),
    code,
  );
  expectNone(diagnose(ap('  rules:\n  - to:\n    - operation:\n        methods: ["POST"]\n')), code);
});

test(`${code}: an operation without ports is warned on 'to'`, () => {
  const text = ap('  action: DENY\n  rules:\n  - to:\n    - operation:\n        methods: ["POST"]\n');
  const d = expectDiagnostic(diagnose(text), code, 8, { text, covers: 'to' });
  if (d.severity !== 2) throw new Error('expected a warning');
});

test(`${code}: a source with only request principals is warned on 'from'`, () => {
  const text = ap('  action: DENY\n  rules:\n  - from:\n    - source:\n        requestPrincipals: ["*"]\n');
  expectDiagnostic(diagnose(text), code, 8, { text, covers: 'from' });
});
