import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { DR, dr, expectFixResolves, runCases } from '../applyFix';

/** host, then a trafficPolicy (key on line DR + 1) holding `tp`. */
const policy = (tp: string): string => dr(`  host: reviews\n  trafficPolicy:\n${tp}`);
/** outlierDetection on line DR + 2, its fields from DR + 3. */
const outlier = (fields: string): string => policy(`    outlierDetection:\n${fields}`);
/** connectionPool on line DR + 2, its sides from DR + 3. */
const pool = (sides: string): string => policy(`    connectionPool:\n${sides}`);

runCases([
  {
    code: 'dr-consecutive-errors-deprecated',
    what: 'consecutiveErrors',
    valid: outlier('      consecutive5xxErrors: 5\n      interval: 10s\n      baseEjectionTime: 30s\n'),
    invalid: outlier('      consecutiveErrors: 5\n'),
    line: DR + 3,
    covers: 'consecutiveErrors',
  },
  {
    code: 'dr-local-origin-failures-without-split',
    what: 'local origin failures without the split',
    valid: outlier('      splitExternalLocalOriginErrors: true\n      consecutiveLocalOriginFailures: 3\n'),
    invalid: outlier('      consecutiveLocalOriginFailures: 3\n      interval: 10s\n'),
    line: DR + 3,
    covers: 'consecutiveLocalOriginFailures',
    fixes: ['Add splitExternalLocalOriginErrors: true', 'Remove consecutiveLocalOriginFailures'],
  },
  {
    code: 'dr-outlier-percent',
    what: 'maxEjectionPercent above 100',
    valid: outlier('      maxEjectionPercent: 100\n      minHealthPercent: 0\n'),
    invalid: outlier('      maxEjectionPercent: 150\n'),
    line: DR + 3,
    covers: '150',
  },
  {
    code: 'dr-connection-pool-empty',
    what: 'an empty connection pool',
    valid: pool('      tcp:\n        maxConnections: 100\n'),
    invalid: policy('    connectionPool: {}\n    loadBalancer:\n      simple: RANDOM\n'),
    line: DR + 2,
    covers: 'connectionPool',
    fixes: ['Remove connectionPool'],
  },
  {
    code: 'dr-connection-pool-negative',
    what: 'a negative maxRetries',
    valid: pool('      http:\n        maxRetries: 0\n        http2MaxRequests: 1000\n'),
    invalid: pool('      http:\n        maxRetries: -1\n'),
    line: DR + 4,
    covers: '-1',
  },
  {
    code: 'dr-h2-upgrade-with-client-protocol',
    what: 'UPGRADE with useClientProtocol',
    valid: pool('      http:\n        h2UpgradePolicy: UPGRADE\n'),
    // 3 http, 4 h2UpgradePolicy, 5 useClientProtocol
    invalid: pool('      http:\n        h2UpgradePolicy: UPGRADE\n        useClientProtocol: true\n'),
    line: DR + 5,
    covers: 'useClientProtocol',
    fixes: ['Remove useClientProtocol', 'Remove h2UpgradePolicy'],
  },
  {
    code: 'dr-duration-precision',
    what: 'an interval of 1.5ms',
    valid: outlier('      interval: 1500ms\n'),
    invalid: outlier('      interval: 1.5ms\n'),
    line: DR + 3,
    covers: '1.5ms',
    fixes: ['Round to 2ms'],
  },
  {
    code: 'dr-tcp-idle-timeout',
    what: 'an idle timeout without a unit',
    valid: pool('      tcp:\n        idleTimeout: 0s\n'),
    invalid: pool('      tcp:\n        idleTimeout: "300"\n'),
    line: DR + 4,
    covers: '"300"',
    fixes: ['Use 300s'],
  },
]);

test('dr-tcp-idle-timeout: a negative value is fixed to 1ms', () => {
  const text = pool('      tcp:\n        idleTimeout: -5s\n');
  expectDiagnostic(diagnose(text), 'dr-tcp-idle-timeout', DR + 4, { text, covers: '-5s' });
  expectFixResolves(text, 'dr-tcp-idle-timeout', DR + 4, 'Use 1ms');
});

test('dr-tcp-idle-timeout: like Istio, values below 1ms count as 0 (disabled) and pass', () => {
  expectNone(diagnose(pool('      tcp:\n        idleTimeout: 500us\n')));
});

test('dr-duration-precision: tcp.idleTimeout of 1.5ms is still too precise', () => {
  const text = pool('      tcp:\n        idleTimeout: 1.5ms\n');
  expectDiagnostic(diagnose(text), 'dr-duration-precision', DR + 4, { text, covers: '1.5ms' });
});

test('dr-local-origin-failures-without-split: an explicit false is switched to true', () => {
  const text = outlier(
    '      splitExternalLocalOriginErrors: false\n      consecutiveLocalOriginFailures: 3\n',
  );
  expectDiagnostic(diagnose(text), 'dr-local-origin-failures-without-split', DR + 4, {
    text,
    covers: 'consecutiveLocalOriginFailures',
  });
  expectFixResolves(
    text,
    'dr-local-origin-failures-without-split',
    DR + 4,
    'Set splitExternalLocalOriginErrors: true',
  );
});
