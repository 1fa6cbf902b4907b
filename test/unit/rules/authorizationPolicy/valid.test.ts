import { test } from 'node:test';
import { diagnose, expectNone } from '../../helpers';
import { ap } from './ap';

test('a full, valid AuthorizationPolicy has no diagnostics at all', () => {
  expectNone(
    diagnose(
      ap(`  selector:
    matchLabels:
      app: reviews
  action: DENY
  rules:
  - from:
    - source:
        principals: ["cluster.local/ns/default/sa/sleep"]
        ipBlocks: ["10.0.0.0/8", "2001:db8::1"]
        trustDomains: ["cluster.local"]
    to:
    - operation:
        ports: ["8080"]
        methods: ["GET"]
        paths: ["/api/{*}/items/{**}"]
    when:
    - key: request.headers[x-token]
      values: ["abc"]
    - key: source.ip
      notValues: ["192.168.0.0/16"]
    - key: destination.port
      values: ["443"]
    - key: source.serviceAccount
      values: ["ns/sa"]
`),
    ),
  );
});

test('an ALLOW policy without rules, and one with an empty rule, are valid', () => {
  expectNone(diagnose(ap('  action: ALLOW\n')));
  expectNone(diagnose(ap('  rules:\n  - {}\n')));
});
