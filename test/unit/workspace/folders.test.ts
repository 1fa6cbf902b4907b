import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { excludeMatchers, isExcluded, yamlFiles } from '../../../server/src/workspace/folders';

// The files the server's index reads from a workspace folder (issue 12 §1): every *.yaml and *.yml,
// minus node_modules, .git, `files.exclude` (globs set to true) and `istio.workspace.exclude`.

let root: string;
const FILES = [
  'a.yaml',
  'b.yml',
  'UPPER.YAML',
  'notes.txt',
  'deploy/base/kustomization.yaml',
  'deploy/base/Kustomization',
  'deploy/vs.yaml',
  'node_modules/pkg/chart.yaml',
  'deep/node_modules/x.yaml',
  '.git/config.yaml',
  'sub/.git/hooks.yaml',
  'build/out.yaml',
  'tmp/scratch.yml',
  'generated/keep.yaml',
  'secret.local.yaml',
];

before(() => {
  root = mkdtempSync(join(tmpdir(), 'istio-folders-'));
  for (const f of FILES) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), 'kind: ConfigMap\n');
  }
});
after(() => rmSync(root, { recursive: true, force: true }));

async function collect(
  matchers: RegExp[],
  batchSize?: number,
): Promise<{ files: string[]; batches: number[] }> {
  const files: string[] = [];
  const batches: number[] = [];
  for await (const b of yamlFiles(root, matchers, () => false, batchSize)) {
    batches.push(b.length);
    files.push(...b.map((p) => relative(root, p).split(sep).join('/')));
  }
  return { files: files.sort(), batches };
}

describe('workspace folders: what the index reads', () => {
  it('reads every .yaml and .yml (any case) and Kustomization, never node_modules or .git at any depth', async () => {
    const { files } = await collect([]);
    assert.deepEqual(files, [
      'UPPER.YAML',
      'a.yaml',
      'b.yml',
      'build/out.yaml',
      'deploy/base/Kustomization',
      'deploy/base/kustomization.yaml',
      'deploy/vs.yaml',
      'generated/keep.yaml',
      'secret.local.yaml',
      'tmp/scratch.yml',
    ]);
  });

  it('skips files.exclude globs set to true (not those set to false) and istio.workspace.exclude globs', async () => {
    const matchers = excludeMatchers({ '**/build': true, '**/generated': false, 'tmp/': true }, [
      '**/*.local.yaml',
      'deploy/base/**',
    ]);
    const { files } = await collect(matchers);
    assert.deepEqual(files, ['UPPER.YAML', 'a.yaml', 'b.yml', 'deploy/vs.yaml', 'generated/keep.yaml']);
  });

  it('hands the files out in batches of the given size', async () => {
    const { batches } = await collect([], 3);
    assert.deepEqual(batches, [3, 3, 3, 1]);
  });

  it('stops when cancelled', async () => {
    const seen: string[][] = [];
    for await (const b of yamlFiles(root, [], () => true)) seen.push(b);
    assert.deepEqual(seen, []);
  });

  it('a glob excludes a path itself or through any parent folder; {a,b}, ? and [..] work', () => {
    const m = excludeMatchers(undefined, ['{out,dist}', 'v?', 'charts/[ab]*']);
    assert.equal(isExcluded('out/x.yaml', m), true);
    assert.equal(isExcluded('dist/deep/x.yaml', m), true);
    assert.equal(isExcluded('v1/x.yaml', m), true);
    assert.equal(isExcluded('v10/x.yaml', m), false);
    assert.equal(isExcluded('charts/alpha/x.yaml', m), true);
    assert.equal(isExcluded('charts/gamma/x.yaml', m), false);
    assert.equal(isExcluded('src/out/x.yaml', m), false, 'a glob without **/ is anchored at the folder');
    assert.equal(isExcluded('x.yaml', []), false);
  });

  it('ignores a files.exclude value that is not an object, and non-true entries', () => {
    assert.deepEqual(excludeMatchers('**/x', []), []);
    assert.deepEqual(excludeMatchers({ a: 'yes', b: 1, c: null }, []), []);
  });
});
