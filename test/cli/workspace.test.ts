import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { test } from 'node:test';
import { ROOT, runCli } from './helpers';

// istio-lint analyzes the given paths together as one workspace, with the editor's cross-resource
// checks (issue 12 §7); the golden corpus is checked through the CLI too.

const CORPUS = join(ROOT, 'test', 'fixtures', 'workspaces');

interface Finding {
  file: string;
  range: { start: { line: number } };
  severity: string;
  code: string;
}
const json = (stdout: string): Finding[] => JSON.parse(stdout) as Finding[];

for (const scenario of readdirSync(CORPUS).filter((d) => statSync(join(CORPUS, d)).isDirectory()))
  test(`golden corpus through istio-lint: ${scenario}`, () => {
    const dir = join(CORPUS, scenario);
    const r = runCli(['--format', 'json', '.'], dir);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
      file: string;
      line: number;
      code: string;
      severity: string;
    }[];
    const key = (f: string, line: number, code: string, sev: string): string => `${f}:${line} ${code} ${sev}`;
    assert.deepEqual(
      json(r.stdout)
        .map((f) => key(f.file.split(sep).join('/'), f.range.start.line, f.code, f.severity))
        .sort(),
      expected.map((e) => key(e.file, e.line, e.code, e.severity)).sort(),
      r.stderr,
    );
    assert.equal(
      r.status,
      expected.some((e) => e.severity === 'error') ? 1 : 0,
      'exit 1 exactly when an error is found',
    );
  });

test('separate file arguments form one workspace: the DestinationRule in another file decides the subset', () => {
  const dir = join(CORPUS, 'missing-subset');
  const vs = join(dir, 'reviews-vs.yaml');
  const together = runCli([
    '--format',
    'json',
    vs,
    join(dir, 'reviews-dr.yaml'),
    join(dir, 'reviews-service.yaml'),
  ]);
  assert.equal(together.status, 1);
  assert.deepEqual(
    json(together.stdout).map((f) => [f.code, f.range.start.line, f.severity]),
    [['IST0101', 16, 'error']],
  );
  // Alone, neither the DestinationRule nor the Service can be seen: unknown (information), exit 0.
  const alone = runCli(['--format', 'json', vs]);
  assert.equal(alone.status, 0, alone.stdout);
  assert.equal(
    json(alone.stdout).some((f) => f.code === 'IST0101'),
    false,
  );
  assert.ok(
    json(alone.stdout).every((f) => f.code === 'unresolved-reference' && f.severity === 'information'),
  );
});

test('--namespace places resources that set none, as istio.workspace.defaultNamespace does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'istio-lint-ns-'));
  try {
    writeFileSync(
      join(dir, 'vs.yaml'),
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: reviews}\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v9}\n',
    );
    writeFileSync(
      join(dir, 'svc.yaml'),
      'apiVersion: v1\nkind: Service\nmetadata: {name: reviews}\nspec:\n  ports: [{name: http, port: 80}]\n',
    );
    writeFileSync(
      join(dir, 'dr.yaml'),
      'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: reviews, namespace: shop}\nspec:\n  host: reviews.shop.svc.cluster.local\n  subsets: [{name: v1, labels: {version: v1}}]\n',
    );
    const shop = runCli(['--format', 'json', '--namespace', 'shop', dir]);
    assert.equal(shop.status, 1, shop.stderr);
    assert.deepEqual(
      json(shop.stdout).map((f) => [f.file.endsWith('vs.yaml'), f.code, f.range.start.line]),
      [[true, 'IST0101', 7]],
    );
    // In "default", reviews is reviews.default: the shop DestinationRule is not for it, and its own host
    // reviews.shop has no Service in the workspace. Both are unknown, not missing.
    const dflt = runCli(['--format', 'json', dir]);
    assert.equal(dflt.status, 0, dflt.stdout);
    assert.deepEqual(
      json(dflt.stdout)
        .map((f) => [f.file.slice(dir.length + 1), f.code, f.range.start.line, f.severity])
        .sort(),
      [
        ['dr.yaml', 'unresolved-reference', 4, 'information'],
        ['vs.yaml', 'unresolved-reference', 7, 'information'],
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
