import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { DR, dr, expectFixResolves, runCases } from '../applyFix';

/** host, trafficPolicy (DR + 1), loadBalancer (DR + 2), then `lb` from DR + 3. */
const lb = (fields: string, extra = ''): string =>
  dr(`  host: reviews\n  trafficPolicy:\n${extra}    loadBalancer:\n${fields}`);
/** consistentHash on DR + 3, its fields from DR + 4. */
const hash = (fields: string): string => lb(`      consistentHash:\n${fields}`);
/** localityLbSetting on DR + 3, its fields from DR + 4; outlier detection comes first when wanted. */
const OUTLIER = '    outlierDetection:\n      consecutive5xxErrors: 5\n';
const locality = (fields: string, withOutlier = true): string =>
  withOutlier
    ? dr(
        `  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      localityLbSetting:\n${fields}${OUTLIER}`,
      )
    : lb(`      localityLbSetting:\n${fields}`);

runCases([
  {
    code: 'dr-http-cookie-name',
    what: 'an empty cookie name',
    valid: hash('        httpCookie:\n          name: user\n          ttl: 0s\n'),
    invalid: hash('        httpCookie:\n          name: ""\n'),
    line: DR + 5,
    covers: '""',
  },
  {
    code: 'dr-cookie-attribute-name',
    what: 'a repeated cookie attribute',
    valid: hash(
      '        httpCookie:\n          name: user\n          attributes:\n          - name: SameSite\n            value: Strict\n',
    ),
    // 4 httpCookie, 5 name, 6 attributes, 7 - name, 8 value, 9 - name
    invalid: hash(
      '        httpCookie:\n          name: user\n          attributes:\n          - name: SameSite\n            value: Strict\n          - name: SameSite\n',
    ),
    line: DR + 9,
    covers: 'SameSite',
  },
  {
    code: 'dr-minimum-ring-size-deprecated',
    what: 'minimumRingSize',
    valid: hash('        useSourceIp: true\n        ringHash:\n          minimumRingSize: 1024\n'),
    invalid: hash('        useSourceIp: true\n        minimumRingSize: 1024\n'),
    line: DR + 5,
    covers: 'minimumRingSize',
    fixes: ['Move to ringHash.minimumRingSize'],
  },
  {
    code: 'dr-minimum-ring-size-conflict',
    what: 'minimumRingSize with maglev',
    valid: hash('        useSourceIp: true\n        maglev:\n          tableSize: 65537\n'),
    // 4 useSourceIp, 5 minimumRingSize, 6 maglev
    invalid: hash(
      '        useSourceIp: true\n        minimumRingSize: 1024\n        maglev:\n          tableSize: 65537\n',
    ),
    line: DR + 5,
    covers: 'minimumRingSize',
    fixes: ['Remove maglev'],
  },
  {
    code: 'dr-maglev-table-size',
    what: 'a table size that is not prime',
    valid: hash('        useSourceIp: true\n        maglev:\n          tableSize: 65537\n'),
    invalid: hash('        useSourceIp: true\n        maglev:\n          tableSize: 65536\n'),
    line: DR + 6,
    covers: '65536',
    fixes: ['Use 65537'],
  },
  {
    code: 'dr-locality-distribute-and-failover',
    what: 'distribute with failover',
    valid: locality('        failover:\n        - from: us-east\n          to: us-west\n'),
    // 3 localityLbSetting, 4 distribute, 5 - from, 6 to, 7 us-east/*, 8 failover
    invalid: locality(
      '        distribute:\n        - from: us-east/*\n          to:\n            "us-east/*": 100\n        failover:\n        - from: us-east\n          to: us-west\n',
    ),
    line: DR + 4,
    covers: 'distribute',
    fixes: ['Remove distribute', 'Remove failover'],
  },
  {
    code: 'dr-locality-failover-priority-topology',
    what: 'failoverPriority with the region label next to failover',
    valid: locality(
      '        failover:\n        - from: us-east\n          to: us-west\n        failoverPriority:\n        - topology.istio.io/network\n',
    ),
    // 4 failover, 5 - from, 6 to, 7 failoverPriority, 8 - label
    invalid: locality(
      '        failover:\n        - from: us-east\n          to: us-west\n        failoverPriority:\n        - topology.kubernetes.io/region\n',
    ),
    line: DR + 8,
    covers: 'topology.kubernetes.io/region',
  },
  {
    code: 'dr-locality-distribute-weights',
    what: 'weights that add up to 90',
    valid: locality(
      '        distribute:\n        - from: us-east/*\n          to:\n            "us-east/*": 80\n            "us-west/*": 20\n',
    ),
    // 4 distribute, 5 - from, 6 to
    invalid: locality(
      '        distribute:\n        - from: us-east/*\n          to:\n            "us-east/*": 80\n            "us-west/*": 10\n',
    ),
    line: DR + 6,
    covers: 'to',
  },
  {
    code: 'dr-locality-format',
    what: 'a wildcard in the middle',
    valid: locality(
      '        distribute:\n        - from: us-east/zone1/*\n          to:\n            us-east: 100\n',
    ),
    invalid: locality(
      '        distribute:\n        - from: us-east/*/a\n          to:\n            us-east: 100\n',
    ),
    line: DR + 5,
    covers: 'us-east/*/a',
  },
  {
    code: 'dr-failover-without-outlier-detection',
    what: 'failover without outlierDetection',
    valid: locality('        failover:\n        - from: us-east\n          to: us-west\n'),
    invalid: locality('        failover:\n        - from: us-east\n          to: us-west\n', false),
    line: DR + 4,
    covers: 'failover',
  },
  {
    code: 'dr-locality-failover-regions',
    what: 'failover to the same region',
    valid: locality('        failover:\n        - from: us-east\n          to: us-west\n'),
    invalid: locality('        failover:\n        - from: us-east\n          to: us-east\n'),
    line: DR + 5,
    covers: 'from',
  },
  {
    code: 'dr-warmup-aggression',
    what: 'aggression 0.5',
    valid: lb('      warmup:\n        duration: 60s\n        aggression: 1.5\n'),
    invalid: lb('      warmup:\n        duration: 60s\n        aggression: 0.5\n'),
    line: DR + 5,
    covers: '0.5',
    fixes: ['Use 1'],
  },
]);

test('dr-maglev-table-size: a missing or too large table size is rejected', () => {
  const missing = hash('        useSourceIp: true\n        maglev: {}\n');
  expectDiagnostic(diagnose(missing), 'dr-maglev-table-size', DR + 5, { text: missing, covers: 'maglev' });
  const large = hash('        useSourceIp: true\n        maglev:\n          tableSize: 5000011\n');
  // 5000011 is prime, so only the size limit applies.
  const d = expectDiagnostic(diagnose(large), 'dr-maglev-table-size', DR + 6, {
    text: large,
    covers: '5000011',
  });
  assert.match(d.message, /below 5000011/);
});

test('dr-locality-format: overlapping destinations are rejected', () => {
  const text = locality(
    '        distribute:\n        - from: us-east/*\n          to:\n            us-west: 50\n            us-west/zone1: 50\n',
  );
  expectDiagnostic(diagnose(text), 'dr-locality-format', DR + 8, { text, covers: 'us-west/zone1' });
});

test('dr-failover-without-outlier-detection: port-level policies use their own outlierDetection', () => {
  const text = dr(`  host: reviews
  trafficPolicy:
    outlierDetection:
      consecutive5xxErrors: 5
    portLevelSettings:
    - port:
        number: 80
      loadBalancer:
        localityLbSetting:
          failoverPriority:
          - topology.istio.io/network
`);
  expectDiagnostic(diagnose(text), 'dr-failover-without-outlier-detection', DR + 9, {
    text,
    covers: 'failoverPriority',
  });
});

test('dr-minimum-ring-size-conflict: minimumRingSize 0 means unset', () => {
  expectNone(
    diagnose(
      hash(
        '        useSourceIp: true\n        minimumRingSize: 0\n        ringHash:\n          minimumRingSize: 64\n',
      ),
    ),
  );
});

test('dr-minimum-ring-size-conflict: removing minimumRingSize resolves it (the deprecation goes too)', () => {
  const text = hash(
    '        useSourceIp: true\n        minimumRingSize: 1024\n        maglev:\n          tableSize: 65537\n',
  );
  expectFixResolves(text, 'dr-minimum-ring-size-conflict', DR + 5, 'Remove minimumRingSize');
});
