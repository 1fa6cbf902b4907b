import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { expectFixResolves } from '../applyFix';
import { sc } from './sc';

test('sc-empty-connection-pool: an empty inboundConnectionPool', () => {
  const text = sc('  inboundConnectionPool: {}\n');
  expectDiagnostic(diagnose(text), 'sc-empty-connection-pool', 6, { text, covers: 'inboundConnectionPool' });
  expectNone(
    diagnose(sc('  inboundConnectionPool:\n    tcp:\n      maxConnections: 10\n')),
    'sc-empty-connection-pool',
  );
});

test('sc-negative-connection-pool-limit', () => {
  const text = sc(
    '  inboundConnectionPool:\n    http:\n      maxRetries: -1\n    tcp:\n      maxConnections: -5\n',
  );
  const ds = diagnose(text);
  expectDiagnostic(ds, 'sc-negative-connection-pool-limit', 8, { text, covers: '-1' });
  expectDiagnostic(ds, 'sc-negative-connection-pool-limit', 10, { text, covers: '-5' });
});

test('sc-h2-upgrade-with-client-protocol', () => {
  const text = sc(
    '  inboundConnectionPool:\n    http:\n      h2UpgradePolicy: UPGRADE\n      useClientProtocol: true\n',
  );
  expectDiagnostic(diagnose(text), 'sc-h2-upgrade-with-client-protocol', 9, {
    text,
    covers: 'useClientProtocol',
  });
  expectNone(
    diagnose(sc('  inboundConnectionPool:\n    http:\n      useClientProtocol: true\n')),
    'sc-h2-upgrade-with-client-protocol',
  );
});

test('sc-connection-pool-duration: sub-millisecond values are rounded by the fix', () => {
  const text = sc(
    '  inboundConnectionPool:\n    tcp:\n      connectTimeout: 1500us\n      idleTimeout: 0s\n',
  );
  expectDiagnostic(diagnose(text), 'sc-connection-pool-duration', 8, { text, covers: '1500us' });
  expectFixResolves(text, 'sc-connection-pool-duration', 8);
});

test('sc-http-pool-on-non-http-port: a warning for a TCP port', () => {
  const text = sc(
    '  ingress:\n  - port:\n      number: 3306\n      protocol: TCP\n    connectionPool:\n      http:\n        maxRetries: 1\n',
  );
  const d = expectDiagnostic(diagnose(text), 'sc-http-pool-on-non-http-port', 11, { text, covers: 'http' });
  assert.equal(d.severity, 2);
});
