// Whole-resource snippets (snippets/istio.json) and "New <Kind>" are offered only where a new
// resource can start: an empty document, the top level before any key, after `---`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { completeAt, ROOT } from '../helpers';

const PREFIXES = Object.values(
  JSON.parse(readFileSync(join(ROOT, 'snippets', 'istio.json'), 'utf8')) as Record<
    string,
    { prefix: string }
  >,
).map((s) => s.prefix);

const labels = (marked: string): string[] => completeAt(marked).map((i) => i.label);
const wholeResource = (ls: string[]): string[] =>
  ls.filter((l) => PREFIXES.includes(l) || /^New [A-Z]/.test(l));

const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  trafficPolicy:
    |
`;

describe('where a new resource can start', () => {
  test('an empty document offers every snippet and "New <Kind>"', () => {
    const ls = labels('|');
    for (const p of PREFIXES) assert.ok(ls.includes(p), `${p} missing`);
    assert.ok(ls.includes('New VirtualService'));
  });

  test('after --- in a file that already holds a resource', () => {
    const ls = labels(`${DR.replace('    |\n', '    connectionPool: {}\n')}---\n|`);
    assert.ok(ls.includes('istio-vs-canary'), ls.join(', '));
    assert.ok(ls.includes('New Gateway'));
  });

  test('at the top level before any key, below a comment', () => {
    assert.ok(labels('# my canary\n|').includes('istio-vs-canary'));
  });

  test('typing the prefix at column 0 keeps them', () => {
    assert.ok(labels('istio-v|').includes('istio-vs-canary'));
  });
});

describe('nowhere else', () => {
  test('inside trafficPolicy: only its fields', () => {
    const ls = labels(DR);
    assert.ok(ls.includes('connectionPool'), ls.join(', '));
    assert.deepEqual(wholeResource(ls), []);
  });

  test('at the top level after apiVersion', () => {
    assert.deepEqual(wholeResource(labels('apiVersion: networking.istio.io/v1\n|')), []);
  });

  test('at the top level of a finished resource', () => {
    assert.deepEqual(wholeResource(labels(DR.replace('  trafficPolicy:\n    |\n', '|'))), []);
  });

  test('in package.json: no static snippet contribution (VS Code would show it everywhere)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { snippets?: unknown };
    };
    assert.equal(pkg.contributes.snippets, undefined);
  });
});
