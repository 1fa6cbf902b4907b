import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import Ajv from 'ajv-draft-04';
import { CI_FIX, FIX, ROOT, runCli } from './helpers';

const SCHEMA_FILE = join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json');
const SCHEMA_SHA256 = 'c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e';

// The schema uses three formats. Ajv leaves formats to a plugin; these follow RFC 3986 and RFC 3339.
const PCT_OK = (s: string): boolean => !/%(?![0-9A-Fa-f]{2})/.test(s) && !/[\s<>"{}|\\^`]/.test(s);
const FORMATS = {
  uri: (s: string): boolean => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) && PCT_OK(s),
  'uri-reference': PCT_OK,
  'date-time': (s: string): boolean =>
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(s) && !Number.isNaN(Date.parse(s)),
};

function sarifValidator(): (data: unknown) => string | undefined {
  const text = readFileSync(SCHEMA_FILE, 'utf8');
  assert.equal(
    createHash('sha256').update(text).digest('hex'),
    SCHEMA_SHA256,
    'the vendored schema was changed',
  );
  const schema = JSON.parse(text) as { id: string };
  assert.equal(
    schema.id,
    'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
  );
  // Strict, except strictRequired: the schema's own anyOf lists `required` names that its branch leaves
  // to the parent's properties, which is valid JSON Schema that Ajv's strict mode merely warns about.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, formats: FORMATS });
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? undefined : ajv.errorsText(validate.errors, { separator: '\n' }));
}

interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  };
  message?: { text: string };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: (SarifLocation & { id: number })[];
  partialFingerprints: Record<string, string>;
}
interface SarifLog {
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        rules: { id: string; name: string; shortDescription: { text: string }; helpUri?: string }[];
      };
    };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
  }[];
}

function sarif(args: string[], cwd?: string): { log: SarifLog; status: number | null; raw: unknown } {
  const r = runCli(['--format', 'sarif', ...args], cwd);
  assert.notEqual(r.status, 2, r.stderr);
  const raw = JSON.parse(r.stdout) as unknown;
  return { log: raw as SarifLog, status: r.status, raw };
}

const uriOf = (r: SarifResult): string => r.locations[0].physicalLocation.artifactLocation.uri;

test('SARIF output validates against the official SARIF 2.1.0 JSON schema', () => {
  const check = sarifValidator();
  for (const args of [[CI_FIX], [FIX], [join(FIX, 'clean.yaml')], ['--base', CI_FIX, CI_FIX, FIX]]) {
    const { raw, log } = sarif(args);
    assert.equal(check(raw), undefined, `${args.join(' ')}: ${check(raw)}`);
    assert.equal(log.version, '2.1.0');
  }
  // The validator does reject what is not SARIF.
  assert.notEqual(check({ version: '2.1.0', runs: [{ results: [] }] }), undefined);
});

test('ruleIds are the diagnostic codes; each rule has a name, a description and a helpUri into docs/rules.md', () => {
  const { log, status } = sarif([CI_FIX, FIX]);
  assert.equal(status, 1);
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'istio-lint');
  const ids = run.results.map((r) => r.ruleId).sort();
  assert.deepEqual(ids, ['gw-duplicate-port-name', 'invalid-enum', 'invalid-enum', 'unused-suppression']);
  const docs = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
  const anchors = new Set([...docs.matchAll(/^### (\S+)$/gm)].map((m) => m[1].toLowerCase()));
  assert.deepEqual(
    run.tool.driver.rules.map((r) => r.id),
    ['gw-duplicate-port-name', 'invalid-enum', 'unused-suppression'],
  );
  for (const rule of run.tool.driver.rules) {
    assert.match(rule.name, /^[A-Z][A-Za-z0-9]+$/);
    assert.ok(rule.shortDescription.text.length > 3);
    const m =
      /^https:\/\/github\.com\/istio-authoring\/istio-authoring\/blob\/main\/docs\/rules\.md#(.+)$/.exec(
        rule.helpUri ?? '',
      );
    assert.ok(m, `helpUri of ${rule.id}: ${rule.helpUri}`);
    assert.ok(anchors.has(m[1]), `docs/rules.md has no heading for #${m[1]}`);
  }
  for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
  const levels = Object.fromEntries(run.results.map((r) => [r.ruleId, r.level]));
  assert.deepEqual(levels, {
    'gw-duplicate-port-name': 'error',
    'invalid-enum': 'error',
    'unused-suppression': 'note',
  });
});

test('paths are relative to the current folder, or to --base, which originalUriBaseIds records', () => {
  const fromCwd = sarif(['.'], CI_FIX).log.runs[0];
  assert.deepEqual(fromCwd.results.map(uriOf), ['gateway%20dup.yaml', 'sub/broken.yaml']);
  assert.deepEqual(
    fromCwd.results.map((r) => r.locations[0].physicalLocation.artifactLocation.uriBaseId),
    ['SRCROOT', 'SRCROOT'],
  );
  assert.equal(fromCwd.originalUriBaseIds.SRCROOT.uri, `${pathToFileURL(CI_FIX).href}/`);

  const fromBase = sarif(['--base', join(CI_FIX, 'sub'), CI_FIX]).log.runs[0];
  assert.equal(fromBase.originalUriBaseIds.SRCROOT.uri, `${pathToFileURL(join(CI_FIX, 'sub')).href}/`);
  const [outside, inside] = fromBase.results.map((r) => r.locations[0].physicalLocation.artifactLocation);
  // A file outside the base keeps an absolute URI and no base.
  assert.deepEqual(outside, { uri: pathToFileURL(join(CI_FIX, 'gateway dup.yaml')).href });
  assert.deepEqual(inside, { uri: 'broken.yaml', uriBaseId: 'SRCROOT' });
});

test('regions are 1-based and related locations come from the diagnostic relatedInformation', () => {
  const [dup, enumErr] = sarif(['.'], CI_FIX).log.runs[0].results;
  // "gateway dup.yaml": servers[1].port.name's value `http` is on line 18, columns 15-18.
  assert.equal(dup.ruleId, 'gw-duplicate-port-name');
  assert.deepEqual(dup.locations[0].physicalLocation.region, {
    startLine: 18,
    startColumn: 15,
    endLine: 18,
    endColumn: 19,
  });
  assert.equal(dup.relatedLocations?.length, 1);
  const rel = dup.relatedLocations[0];
  assert.equal(rel.id, 1);
  assert.deepEqual(rel.physicalLocation.artifactLocation, {
    uri: 'gateway%20dup.yaml',
    uriBaseId: 'SRCROOT',
  });
  // servers[0].port.name's value: line 12.
  assert.deepEqual(rel.physicalLocation.region, {
    startLine: 12,
    startColumn: 15,
    endLine: 12,
    endColumn: 19,
  });
  assert.ok(rel.message?.text);
  // sub/broken.yaml: `ROUND_ROBBIN` on line 9, columns 15-26.
  assert.deepEqual(enumErr.locations[0].physicalLocation.region, {
    startLine: 9,
    startColumn: 15,
    endLine: 9,
    endColumn: 27,
  });
  assert.equal(enumErr.relatedLocations, undefined);
});

test('partialFingerprints are stable across runs, absolute locations, and lines added above a finding', () => {
  const a = mkdtempSync(join(tmpdir(), 'sarif-a-'));
  const b = mkdtempSync(join(tmpdir(), 'sarif-b-'));
  try {
    cpSync(CI_FIX, a, { recursive: true });
    cpSync(CI_FIX, join(b, 'deeper', 'copy'), { recursive: true });
    const moved = join(b, 'deeper', 'copy', 'sub', 'broken.yaml');
    writeFileSync(moved, `# a comment added above\n\n${readFileSync(moved, 'utf8')}`);
    appendFileSync(join(b, 'deeper', 'copy', 'gateway dup.yaml'), '# trailing comment\n');
    const prints = (log: SarifLog): Record<string, string> =>
      Object.fromEntries(
        log.runs[0].results.map((r) => [`${r.ruleId} ${uriOf(r)}`, r.partialFingerprints['istioLint/v1']]),
      );
    const first = prints(sarif(['.'], a).log);
    const again = prints(sarif(['.'], a).log);
    const elsewhere = sarif(['--base', join(b, 'deeper', 'copy'), join(b, 'deeper', 'copy')]).log;
    assert.equal(elsewhere.runs[0].results[1].locations[0].physicalLocation.region.startLine, 11);
    assert.deepEqual(Object.keys(first), [
      'gw-duplicate-port-name gateway%20dup.yaml',
      'invalid-enum sub/broken.yaml',
    ]);
    for (const v of Object.values(first)) assert.match(v, /^[0-9a-f]{32}$/);
    assert.notEqual(
      first['invalid-enum sub/broken.yaml'],
      first['gw-duplicate-port-name gateway%20dup.yaml'],
    );
    assert.deepEqual(again, first);
    assert.deepEqual(prints(elsewhere), first);
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

test('two identical findings in one file get different fingerprints', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sarif-dup-'));
  try {
    const doc = readFileSync(join(FIX, 'broken.yaml'), 'utf8');
    writeFileSync(join(dir, 'twice.yaml'), `${doc}---\n${doc}`);
    const results = sarif(['.'], dir).log.runs[0].results;
    assert.equal(results.length, 2);
    assert.equal(results[0].message.text, results[1].message.text);
    assert.notEqual(
      results[0].partialFingerprints['istioLint/v1'],
      results[1].partialFingerprints['istioLint/v1'],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
