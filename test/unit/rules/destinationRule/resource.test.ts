import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { DR, dr, runCases } from '../applyFix';

const SUBSETS = (names: string[]): string =>
  '  subsets:\n' +
  names.map((n) => `  - name: ${n}\n    labels:\n      version: ${n === '""' ? 'x' : n}\n`).join('');

runCases([
  {
    code: 'dr-host',
    what: 'an IP address as host',
    valid: dr('  host: "*.example.com"\n'),
    invalid: dr('  host: 10.0.0.1\n'),
    line: DR,
    covers: '10.0.0.1',
  },
  {
    code: 'dr-subset-name',
    what: 'a subset name with a dot',
    valid: dr('  host: reviews\n' + SUBSETS(['v1', 'v2'])),
    // 0 host, 1 subsets, 2 - name
    invalid: dr('  host: reviews\n  subsets:\n  - name: v1.0\n'),
    line: DR + 2,
    covers: 'v1.0',
  },
  {
    code: 'dr-duplicate-subset-name',
    what: 'two subsets named v1',
    valid: dr('  host: reviews\n' + SUBSETS(['v1', 'v2'])),
    // 0 host, 1 subsets, 2 - name v1, 3 labels, 4 version, 5 - name v1
    invalid: dr('  host: reviews\n' + SUBSETS(['v1', 'v1'])),
    line: DR + 5,
    covers: 'v1',
  },
  {
    code: 'dr-subset-labels',
    what: 'a label value with a space',
    valid: dr(
      '  host: reviews\n  subsets:\n  - name: v1\n    labels:\n      app.kubernetes.io/version: "1.0"\n',
    ),
    invalid: dr('  host: reviews\n  subsets:\n  - name: v1\n    labels:\n      version: "1 0"\n'),
    line: DR + 4,
    covers: '"1 0"',
  },
  {
    code: 'dr-export-to',
    what: 'exportTo "~"',
    valid: dr('  host: reviews\n  exportTo: ["*"]\n'),
    invalid: dr('  host: reviews\n  exportTo:\n  - "~"\n'),
    line: DR + 2,
    covers: '"~"',
  },
  {
    code: 'dr-export-to-with-selector',
    what: 'a selector-scoped rule exported to all namespaces',
    valid: dr(
      '  host: reviews\n  workloadSelector:\n    matchLabels:\n      app: productpage\n  exportTo: ["."]\n',
    ),
    // 0 host, 1 workloadSelector, 2 matchLabels, 3 app, 4 exportTo, 5 - "*"
    invalid: dr(
      '  host: reviews\n  workloadSelector:\n    matchLabels:\n      app: productpage\n  exportTo:\n  - "*"\n',
    ),
    line: DR + 5,
    covers: '"*"',
  },
  {
    code: 'dr-selector-without-labels',
    what: 'an empty workloadSelector',
    valid: dr('  host: reviews\n  workloadSelector:\n    matchLabels:\n      app: productpage\n'),
    invalid: dr('  host: reviews\n  workloadSelector: {}\n'),
    line: DR + 1,
    covers: 'workloadSelector',
    fixes: [0],
  },
]);

test('dr-export-to-with-selector: its own namespace, named explicitly, is fine; another one is not', () => {
  expectNone(
    diagnose(
      dr('  host: reviews\n  workloadSelector:\n    matchLabels:\n      app: a\n  exportTo: [prod]\n'),
    ),
  );
  const text = dr(
    '  host: reviews\n  workloadSelector:\n    matchLabels:\n      app: a\n  exportTo:\n  - other\n',
  );
  expectDiagnostic(diagnose(text), 'dr-export-to-with-selector', DR + 5, { text, covers: 'other' });
});

test('dr-host: short names and a trailing dot are fine', () => {
  expectNone(diagnose(dr('  host: reviews\n')));
  expectNone(diagnose(dr('  host: reviews.prod.svc.cluster.local.\n')));
});

test('dr-subset-name: an empty name is rejected', () => {
  const text = dr('  host: reviews\n  subsets:\n  - name: ""\n');
  expectDiagnostic(diagnose(text), 'dr-subset-name', DR + 2, { text, covers: '""' });
});
