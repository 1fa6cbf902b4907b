import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers';

test('the .vsix holds only what the extension needs at run time', () => {
  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = r.stdout.split('\n').filter(Boolean).sort();
  const allowed = [
    /^dist\/(extension|server|cli)\.js$/,
    /^schemas\/(index|handwritten)\.json$/,
    /^schemas\/[a-z.]+\.istio\.io\/v[0-9a-z]+\/[A-Za-z]+\.json$/,
    /^schemas\/docs\/[A-Za-z]+\.json$/,
    /^snippets\/istio\.json$/,
    /^(README\.md|LICENSE|package\.json)$/,
    /^images\/icon\.png$/,
  ];
  assert.deepEqual(
    files.filter((f) => !allowed.some((a) => a.test(f))),
    [],
    'unexpected files in the package',
  );
  for (const needed of [
    'dist/extension.js',
    'dist/server.js',
    'dist/cli.js',
    'schemas/index.json',
    'snippets/istio.json',
    'package.json',
  ]) {
    assert.ok(files.includes(needed), `${needed} is missing from the package`);
  }
  assert.ok(files.includes('schemas/networking.istio.io/v1/VirtualService.json'));
  assert.ok(files.includes('schemas/docs/VirtualService.json'));
});
