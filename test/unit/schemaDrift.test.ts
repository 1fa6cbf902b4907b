import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { ROOT, SCHEMAS } from './helpers';

const BUNDLE = join(ROOT, '..', 'shared', 'istio', 'crd-all.gen.yaml');

function generatedFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) {
        if (e !== 'docs' && e !== 'install.istio.io') walk(p);
      } else if (e !== 'handwritten.json') out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

test(
  'the committed schemas match what the generator makes from the CRD bundle',
  { skip: !existsSync(BUNDLE) && 'the CRD bundle (../shared/istio) is not beside this checkout' },
  () => {
    const out = mkdtempSync(join(tmpdir(), 'schemas-'));
    try {
      const r = spawnSync(
        process.execPath,
        [join(ROOT, 'scripts', 'generate-schemas.mjs'), '--crds', BUNDLE, '--out', out],
        { encoding: 'utf8' },
      );
      assert.equal(r.status, 0, r.stderr);
      const committed = generatedFiles(SCHEMAS);
      assert.deepEqual(generatedFiles(out), committed);
      for (const f of committed) {
        assert.equal(
          readFileSync(join(out, f), 'utf8'),
          readFileSync(join(SCHEMAS, f), 'utf8'),
          `${f} drifted: run npm run generate-schemas`,
        );
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  },
);

test('the schemas record the Istio version, all 15 kinds and every served version', () => {
  const index = JSON.parse(readFileSync(join(SCHEMAS, 'index.json'), 'utf8')) as {
    istioVersion: string;
    kinds: { kind: string; group: string; versions: string[] }[];
  };
  assert.equal(index.istioVersion, '1.30.3');
  assert.equal(index.kinds.length, 15);
  const vs = index.kinds.find((k) => k.kind === 'VirtualService');
  assert.deepEqual([...(vs?.versions ?? [])].sort(), ['v1', 'v1alpha3', 'v1beta1']);
  const telemetry = index.kinds.find((k) => k.kind === 'Telemetry');
  assert.deepEqual([...(telemetry?.versions ?? [])].sort(), ['v1', 'v1alpha1']);
  for (const k of index.kinds) {
    for (const v of k.versions)
      assert.ok(existsSync(join(SCHEMAS, k.group, v, `${k.kind}.json`)), `${k.group}/${v}/${k.kind}`);
  }
});

test('the generated schemas keep structure and hold no description text', () => {
  const vs = readFileSync(join(SCHEMAS, 'networking.istio.io', 'v1', 'VirtualService.json'), 'utf8');
  assert.ok(!vs.includes('"description"'));
  const s = JSON.parse(vs) as { properties: { spec: { properties: Record<string, unknown> } } };
  assert.ok(s.properties.spec.properties.http);
  assert.match(vs, /x-kubernetes-validations/);
  assert.match(vs, /x-kubernetes-int-or-string/);
  assert.match(vs, /"oneOf"/);
  assert.match(vs, /"nullable"/);
});
