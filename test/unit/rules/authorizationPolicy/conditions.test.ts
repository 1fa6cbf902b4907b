import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { expectFixResolves } from '../applyFix';
import { ap } from './ap';

const when = (conditions: string): string => ap(`  rules:\n  - when:\n${conditions}`);

test('ap-condition-empty-key: an empty key is reported', () => {
  const text = when('    - key: ""\n      values: ["a"]\n');
  expectDiagnostic(diagnose(text), 'ap-condition-empty-key', 8, { text, covers: '""' });
  expectNone(diagnose(when('    - key: source.ip\n      values: ["1.2.3.4"]\n')), 'ap-condition-empty-key');
});

test('ap-condition-without-values: a key without values or notValues is reported', () => {
  const text = when('    - key: source.namespace\n      values: []\n');
  expectDiagnostic(diagnose(text), 'ap-condition-without-values', 8, { text, covers: 'key' });
  expectNone(
    diagnose(when('    - key: source.namespace\n      notValues: ["a"]\n')),
    'ap-condition-without-values',
  );
});

test('ap-invalid-condition-key: known keys pass', () => {
  const keys = [
    'request.headers[x-a]',
    'source.ip',
    'remote.ip',
    'source.namespace',
    'source.principal',
    'source.trustDomain',
    'request.auth.principal',
    'request.auth.audiences',
    'request.auth.presenter',
    'request.auth.claims[groups]',
    'destination.ip',
    'connection.sni',
    'experimental.envoy.filters.network.mysql_proxy[db.table]',
  ];
  const text = when(keys.map((k) => `    - key: ${k}\n      values: ["1.2.3.4"]\n`).join(''));
  expectNone(diagnose(text), 'ap-invalid-condition-key');
});

test('ap-invalid-condition-key: unknown, replaced and malformed keys are reported', () => {
  const text = when(
    [
      'source.namespaces',
      'destination.namespace',
      'destination.labels[app]',
      'destination.user',
      'request.headers',
      'request.headers[]',
    ]
      .map((k) => `    - key: ${k}\n      values: ["a"]\n`)
      .join(''),
  );
  const ds = diagnose(text);
  expectDiagnostic(ds, 'ap-invalid-condition-key', 8, { text, covers: 'source.namespaces' });
  expectDiagnostic(ds, 'ap-invalid-condition-key', 10, { text, covers: 'destination.namespace' });
  expectDiagnostic(ds, 'ap-invalid-condition-key', 12, { text, covers: 'destination.labels[app]' });
  expectDiagnostic(ds, 'ap-invalid-condition-key', 14, { text, covers: 'destination.user' });
  expectDiagnostic(ds, 'ap-invalid-condition-key', 16, { text, covers: 'request.headers' });
  expectDiagnostic(ds, 'ap-invalid-condition-key', 18, { text, covers: 'request.headers[]' });
});

test('ap-invalid-condition-key: the did-you-mean fix resolves a typo', () => {
  const text = when('    - key: source.namespaces\n      values: ["a"]\n');
  expectFixResolves(text, 'ap-invalid-condition-key', 8);
});

test('ap-invalid-condition-value: typed values are checked', () => {
  expectNone(
    diagnose(
      when(
        '    - key: destination.port\n      values: ["80"]\n    - key: source.trustDomain\n      values: ["*.td"]\n',
      ),
    ),
    'ap-invalid-condition-value',
  );
  const text = when(
    '    - key: source.ip\n      values: ["1.2.3"]\n    - key: destination.port\n      notValues: ["http"]\n    - key: source.serviceAccount\n      values: ["a/b/c"]\n    - key: source.trustDomain\n      values: ["a*b"]\n',
  );
  const ds = diagnose(text);
  expectDiagnostic(ds, 'ap-invalid-condition-value', 9, { text, covers: '"1.2.3"' });
  expectDiagnostic(ds, 'ap-invalid-condition-value', 11, { text, covers: '"http"' });
  expectDiagnostic(ds, 'ap-invalid-condition-value', 13, { text, covers: '"a/b/c"' });
  expectDiagnostic(ds, 'ap-invalid-condition-value', 15, { text, covers: '"a*b"' });
});
