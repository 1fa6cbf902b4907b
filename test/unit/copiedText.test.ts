import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers';

const BUNDLE = join(ROOT, '..', 'shared', 'istio', 'crd-all.gen.yaml');

test(
  'no 7-word run of the CRD descriptions is copied into docs, schemas, snippets or code',
  { skip: !existsSync(BUNDLE) && 'the CRD bundle (../shared/istio) is not beside this checkout' },
  () => {
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, 'scripts', 'check-copied-text.mjs'),
        '--crds',
        BUNDLE,
        'schemas',
        'snippets',
        'server',
        'client',
        'README.md',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    assert.equal(r.stdout, '');
    assert.equal(r.status, 0, r.stderr);
  },
);

test(
  'the copy check does catch a copied sentence',
  { skip: !existsSync(BUNDLE) && 'the CRD bundle is not beside this checkout' },
  () => {
    // A description sentence from the bundle (VirtualService spec.hosts), fed through stdin-less temp file.
    const r = spawnSync(
      process.execPath,
      [
        '-e',
        `
    import('${join(ROOT, 'scripts', 'check-copied-text.mjs').replace(/\\/g, '/')}').then(m => {
      const s = m.upstreamShingles(${JSON.stringify(BUNDLE)});
      const runs = m.copiedRuns('The destination hosts to which traffic is being sent.', s);
      process.stdout.write(String(runs.length));
    });`,
      ],
      { encoding: 'utf8' },
    );
    assert.ok(Number(r.stdout) > 0, r.stderr);
  },
);
