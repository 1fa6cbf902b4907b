/**
 * Issue 10, defects 2, 3 and 4, and the bounds: linear duplicate checks, at most 100 findings per
 * check and 1,000 per document with one summary, cyclic aliases refused, a rule that throws reported.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_SETTINGS } from '../../../shared/src/protocol';
import { IstioService } from '../../../server/src/service/index';
import { ALL_RULES } from '../../../server/src/service/rules/index';
import type { Rule } from '../../../server/src/service/rules/rule';
import { capFindings } from '../../../server/src/service/checks/caps';
import { hostsOverlap } from '../../../server/src/service/rules/shared/hostnames';
import { findHostOverlaps } from '../../../server/src/service/rules/shared/hostOverlaps';
import type { Finding } from '../../../server/src/service/types';
import { diagnose, expectDiagnostic, SCHEMAS } from '../helpers';

const vsWithHosts = (hosts: string[]): string =>
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: many\nspec:\n  hosts:\n${hosts.map((h) => `  - ${h}\n`).join('')}  http:\n  - route:\n    - destination:\n        host: reviews\n`;

const count = (ds: { code?: unknown }[], code: string): number => ds.filter((d) => d.code === code).length;

test('defect 2: 500 identical hosts give 100 diagnostics and one summary, not 124,750', () => {
  const ds = diagnose(vsWithHosts(Array.from({ length: 500 }, () => 'a.example.com')));
  assert.equal(count(ds, 'vs-duplicate-hosts'), 100);
  const summary = expectDiagnostic(ds, 'too-many-findings', 0);
  assert.equal(summary.severity, 3);
  assert.match(summary.message, /399 more findings were left out \(vs-duplicate-hosts 399\)/);
});

test('defect 2: 1,000 identical hosts do not overflow the stack (findings.push(...spread))', () => {
  const ds = diagnose(vsWithHosts(Array.from({ length: 1000 }, () => 'a.example.com')));
  assert.equal(count(ds, 'vs-duplicate-hosts'), 100);
  assert.match(expectDiagnostic(ds, 'too-many-findings', 0).message, /899 more findings/);
});

test(
  'defect 2: 20,000 distinct hosts are checked with maps and give no duplicate',
  { timeout: 120_000 },
  () => {
    const hosts = Array.from({ length: 20000 }, (_, i) => `h${i}.example.com`);
    const ds = diagnose(vsWithHosts(hosts), {
      validation: { ...DEFAULT_SETTINGS.validation, maxFileSizeMB: 50 },
    });
    assert.equal(count(ds, 'vs-duplicate-hosts'), 0);
  },
);

test('defect 2: 250,000 distinct hosts finish (the overlap search is linear)', { timeout: 60_000 }, () => {
  const hosts = Array.from({ length: 250000 }, (_, i) =>
    i % 2 ? `h${i}.example.com` : `*.w${i}.example.com`,
  );
  assert.deepEqual(
    findHostOverlaps(hosts, (h) => h),
    [],
  );
});

test('defect 2: the map-based overlap search agrees with the pairwise definition', () => {
  const label = fc.constantFrom('a', 'b', 'foo', 'x1');
  const host = fc.oneof(
    fc.array(label, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('.')),
    fc.array(label, { minLength: 1, maxLength: 3 }).map((ls) => `*.${ls.join('.')}`),
    fc.constant('*'),
  );
  fc.assert(
    fc.property(fc.array(host, { maxLength: 12 }), (hosts) => {
      const got = new Set(
        findHostOverlaps(
          hosts.map((h, i) => ({ h, i })),
          (x) => x.h,
        ).map((o) => o.later.i),
      );
      hosts.forEach((h, j) => {
        const expected = hosts.slice(0, j).some((a) => hostsOverlap(a, h));
        assert.equal(got.has(j), expected, `host ${j} "${h}" of ${JSON.stringify(hosts)}`);
      });
    }),
    { seed: 10, numRuns: 500 },
  );
});

test(
  'defect 2: duplicate matches and prefix overlaps are found without comparing every pair',
  { timeout: 60_000 },
  () => {
    const n = 5000;
    const http = Array.from(
      { length: n },
      (_, i) =>
        `  - match:\n    - uri:\n        prefix: /p${i}/x\n    route:\n    - destination:\n        host: reviews\n`,
    ).join('');
    const text = `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\nspec:\n  hosts: [reviews]\n  http:\n  - match:\n    - uri:\n        prefix: /p1\n    route:\n    - destination:\n        host: reviews\n${http}`;
    const ds = diagnose(text, { validation: { ...DEFAULT_SETTINGS.validation, maxFileSizeMB: 50 } });
    // "/p1" comes first and covers /p1/x and /p10/x … /p1999/x: 1 + 10 + 100 + 1000 of them.
    assert.equal(count(ds, 'IST0131'), 100);
    assert.match(expectDiagnostic(ds, 'too-many-findings', 0).message, /1,011 more findings/);
  },
);

const ENVOY_FILTER_CYCLE = `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: loop
spec: &s {workloadSelector: {labels: *s}}
`;
const BROKEN_DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: other
spec:
  host: reviews
  bogusField: 1
`;

test('defect 3: a cyclic alias in an EnvoyFilter gives one yaml-cyclic-alias error; other documents keep theirs', () => {
  const ds = diagnose(`${ENVOY_FILTER_CYCLE}---\n${BROKEN_DR}`);
  const d = expectDiagnostic(ds, 'yaml-cyclic-alias', 4);
  assert.equal(d.severity, 1);
  assert.equal(d.range.start.character, ENVOY_FILTER_CYCLE.split('\n')[4].indexOf('*s'));
  assert.equal(ds.filter((x) => x.range.start.line < 5).length, 1, JSON.stringify(ds));
  expectDiagnostic(ds, 'unknown-field', 12);
});

test('defect 3: a self-referencing match does not overflow the reachability rules (IST0130/IST0131)', () => {
  const text = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: loop
spec:
  hosts: [reviews]
  http:
  - &m {match: [{uri: *m}]}
`;
  const ds = diagnose(text);
  expectDiagnostic(ds, 'yaml-cyclic-alias', 7);
  assert.equal(ds.length, 1, JSON.stringify(ds));
});

test('defect 3: a merge key that pulls in its own map is a cyclic alias', () => {
  const text = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: loop
spec: &m
  host: reviews
  trafficPolicy:
    <<: *m
`;
  expectDiagnostic(diagnose(text), 'yaml-cyclic-alias', 7);
});

test('defect 3: an alias to an earlier, separate anchor is not a cycle', () => {
  const text = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: fine
  labels: &l {app: reviews}
spec:
  host: reviews
  subsets:
  - name: v1
    labels: *l
`;
  assert.equal(count(diagnose(text), 'yaml-cyclic-alias'), 0);
});

test('defect 4: syntax errors are bounded: a stray } before a long flow list gives 100 and a summary', () => {
  const items = Array.from({ length: 5000 }, () => 'a').join(', ');
  const ds = diagnose(`apiVersion: networking.istio.io/v1\nkind: VirtualService\nx: }[${items}]\n`);
  assert.equal(count(ds, 'yaml-syntax'), 100);
  const summary = expectDiagnostic(ds, 'too-many-findings', 0);
  assert.match(summary.message, /yaml-syntax [\d,]+/);
  assert.ok(ds.length <= 101);
});

test('caps: at most 100 findings per check and 1,000 per document, then one summary of what was left out', () => {
  const findings: Finding[] = [];
  for (let code = 0; code < 15; code++) {
    for (let i = 0; i < 120; i++) {
      findings.push({ code: `c${code}`, severity: 'error', message: 'm', range: { start: i, end: i + 1 } });
    }
  }
  const kept = capFindings(findings, () => ({ start: 0, end: 1 }));
  assert.equal(kept.length, 1001);
  const summary = kept[1000];
  assert.equal(summary.code, 'too-many-findings');
  assert.equal(summary.severity, 'information');
  // 15 × 20 over the per-check cap, and 5 codes × 100 over the document cap.
  assert.match(summary.message, /^800 more findings were left out/);
  assert.equal(kept.filter((f) => f.code === 'c0').length, 100);
});

test('a rule that throws becomes an information diagnostic naming it; the other findings stay, and it is logged', () => {
  const logged: string[] = [];
  const broken: Rule = {
    code: 'test-broken-rule',
    severity: 'error',
    kinds: ['DestinationRule'],
    title: 'A rule that fails',
    explanation: 'Fails on purpose.',
    check() {
      throw new Error('boom');
    },
  };
  const s = new IstioService({
    schemasDir: SCHEMAS,
    rules: [broken, ...ALL_RULES],
    log: (m) => logged.push(m),
  });
  const text = BROKEN_DR.replace('host: reviews', 'host: reviews\n  subsets: [{name: v1}, {name: v1}]');
  const ds = s.diagnostics(s.snapshot('file:///t/throws.yaml', 1, text), DEFAULT_SETTINGS);
  const d = expectDiagnostic(ds, 'check-failed', 0);
  assert.equal(d.severity, 3);
  assert.match(d.message, /test-broken-rule/);
  assert.match(d.message, /could not run on this document/);
  expectDiagnostic(ds, 'unknown-field', 7);
  assert.ok(
    ds.some((x) => x.code === 'dr-duplicate-subset-name' || String(x.code).includes('subset')),
    JSON.stringify(ds.map((x) => x.code)),
  );
  assert.equal(logged.length, 1);
  assert.match(logged[0], /test-broken-rule failed.*boom/s);
});
