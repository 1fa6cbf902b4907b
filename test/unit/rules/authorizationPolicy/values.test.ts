import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { ap } from './ap';

const source = (fields: string): string => ap(`  rules:\n  - from:\n    - source:\n${fields}`);
const operation = (fields: string): string => ap(`  rules:\n  - to:\n    - operation:\n${fields}`);

test('ap-empty-value: empty strings are reported in source, operation and when lists', () => {
  const text = ap(`  rules:
  - from:
    - source:
        namespaces: ["a", ""]
    to:
    - operation:
        methods: [""]
    when:
    - key: source.ip
      values: [""]
`);
  const ds = diagnose(text);
  expectDiagnostic(ds, 'ap-empty-value', 9, { text, covers: '""' });
  expectDiagnostic(ds, 'ap-empty-value', 12, { text, covers: '""' });
  expectDiagnostic(ds, 'ap-empty-value', 15, { text, covers: '""' });
  expectNone(diagnose(source('        namespaces: ["a"]\n')), 'ap-empty-value');
});

test('ap-invalid-ip-block: IPs and CIDRs are checked', () => {
  const text = source(
    '        ipBlocks: ["10.0.0.0/8", "10.0.0.300"]\n        notRemoteIpBlocks: ["fe80::1%eth0", "::1/200"]\n',
  );
  const ds = diagnose(text);
  expectNone(
    diagnose(source('        ipBlocks: ["10.0.0.0/8", "2001:db8::/32", "fe80::1%eth0", "::ffff:1.2.3.4"]\n')),
    'ap-invalid-ip-block',
  );
  expectDiagnostic(ds, 'ap-invalid-ip-block', 9, { text, covers: '"10.0.0.300"' });
  expectDiagnostic(ds, 'ap-invalid-ip-block', 10, { text, covers: '"::1/200"' });
});

test('ap-invalid-ip-block: a CIDR with a too long prefix, and a zone in a CIDR', () => {
  const text = source(
    '        ipBlocks:\n        - "1.2.3.0/33"\n        remoteIpBlocks:\n        - "fe80::1%eth0/64"\n',
  );
  const ds = diagnose(text);
  expectDiagnostic(ds, 'ap-invalid-ip-block', 10, { text, covers: '"1.2.3.0/33"' });
  expectDiagnostic(ds, 'ap-invalid-ip-block', 12, { text, covers: '"fe80::1%eth0/64"' });
});

test('ap-invalid-service-account: forms are checked', () => {
  expectNone(diagnose(source('        serviceAccounts: ["sa", "ns/sa"]\n')), 'ap-invalid-service-account');
  const text = source(
    '        serviceAccounts:\n        - "ns/*"\n        - "a/b/c"\n        - "/sa"\n        - "ns/"\n',
  );
  const ds = diagnose(text);
  for (const [line, covers] of [
    [10, '"ns/*"'],
    [11, '"a/b/c"'],
    [12, '"/sa"'],
    [13, '"ns/"'],
  ] as const) {
    expectDiagnostic(ds, 'ap-invalid-service-account', line, { text, covers });
  }
});

test('ap-invalid-trust-domain: one wildcard at an end only, no slash', () => {
  expectNone(
    diagnose(source('        trustDomains: ["*.example.com", "prod-*", "*", "cluster.local"]\n')),
    'ap-invalid-trust-domain',
  );
  const text = source('        notTrustDomains:\n        - "a*b"\n        - "*a*"\n        - "a/b"\n');
  const ds = diagnose(text);
  for (const [line, covers] of [
    [10, '"a*b"'],
    [11, '"*a*"'],
    [12, '"a/b"'],
  ] as const) {
    expectDiagnostic(ds, 'ap-invalid-trust-domain', line, { text, covers });
  }
});

test('ap-invalid-port: decimal numbers up to 65535', () => {
  expectNone(diagnose(operation('        ports: ["0", "80", "65535"]\n')), 'ap-invalid-port');
  const text = operation(
    '        ports:\n        - "http"\n        notPorts:\n        - "65536"\n        - "-1"\n',
  );
  const ds = diagnose(text);
  expectDiagnostic(ds, 'ap-invalid-port', 10, { text, covers: '"http"' });
  expectDiagnostic(ds, 'ap-invalid-port', 12, { text, covers: '"65536"' });
  expectDiagnostic(ds, 'ap-invalid-port', 13, { text, covers: '"-1"' });
});

test('ap-invalid-path-template: supported templates pass, others are reported', () => {
  expectNone(
    diagnose(operation('        paths: ["/a/{*}/b/{**}", "/{**}", "/plain/*"]\n')),
    'ap-invalid-path-template',
  );
  const text = operation(
    '        paths:\n        - "/{**}/{*}"\n        - "/a/{id}/{*}"\n        - "/a{*}"\n        - "/x{y}"\n        notPaths:\n        - "/a*/{*}"\n',
  );
  const ds = diagnose(text);
  expectDiagnostic(ds, 'ap-invalid-path-template', 10, { text, covers: '"/{**}/{*}"' });
  expectDiagnostic(ds, 'ap-invalid-path-template', 11, { text, covers: '"/a/{id}/{*}"' });
  expectDiagnostic(ds, 'ap-invalid-path-template', 12, { text, covers: '"/a{*}"' });
  expectDiagnostic(ds, 'ap-invalid-path-template', 13, { text, covers: '"/x{y}"' });
  expectDiagnostic(ds, 'ap-invalid-path-template', 15, { text, covers: '"/a*/{*}"' });
});

test('ap-invalid-path-template: {**} is the last operator; a second operator after it is rejected', () => {
  // VALIDATION-RULES.md: "{**} must be the last operator"; a literal segment after it is no operator.
  expectNone(diagnose(operation('        paths: ["/a/{**}/suffix", "/{*}/{*}/{**}"]\n')));
  // line 9 paths, 10 "/a/{**}/{**}", 11 "/{**}/x/{*}"
  const text = operation('        paths:\n        - "/a/{**}/{**}"\n        - "/{**}/x/{*}"\n');
  const ds = diagnose(text);
  expectDiagnostic(ds, 'ap-invalid-path-template', 10, { text, covers: '"/a/{**}/{**}"' });
  expectDiagnostic(ds, 'ap-invalid-path-template', 11, { text, covers: '"/{**}/x/{*}"' });
});
