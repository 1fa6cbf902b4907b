// One engine for YAML: the client asks the language server (istio/… requests of
// shared/src/protocol.ts) and never parses YAML itself.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('no file of the client imports a YAML parser', () => {
  const readers = files(join(ROOT, 'client', 'src')).filter((f) =>
    /from ['"](yaml|js-yaml)['"]|require\(['"](yaml|js-yaml)['"]\)/.test(readFileSync(f, 'utf8')),
  );
  assert.deepEqual(
    readers.map((f) => relative(ROOT, f)),
    [],
  );
});

test('every istio/ request the client sends is declared in shared/src/protocol.ts', () => {
  const protocol = readFileSync(join(ROOT, 'shared', 'src', 'protocol.ts'), 'utf8');
  const declared = [...protocol.matchAll(/export const (\w+Request) = '(istio\/\w+)'/g)].map((m) => m[2]);
  assert.ok(declared.includes('istio/trafficRoutes') && declared.includes('istio/weightEdits'));
  assert.ok(declared.includes('istio/resources') && declared.includes('istio/checkIstioOperator'));
  const literal = files(join(ROOT, 'client', 'src')).filter((f) =>
    /['"]istio\/\w+['"]/.test(readFileSync(f, 'utf8')),
  );
  assert.deepEqual(
    literal.map((f) => relative(ROOT, f)),
    [],
    'use the constants of the protocol',
  );
});
