import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { completeAt, diagnose, ROOT } from './helpers';

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

const snippets = JSON.parse(readFileSync(join(ROOT, 'snippets', 'istio.json'), 'utf8')) as Record<
  string,
  Snippet
>;

/**
 * Expands a VS Code snippet with every placeholder at its default: `${n:default}` and its mirrors
 * (`${n}`, `$n`) become the default, a choice `${n|a,b|}` becomes its first option, `$0` disappears.
 */
export function expand(body: string): string {
  const defaults = new Map<string, string>();
  for (const m of body.matchAll(/\$\{(\d+):([^}]*)\}/g)) if (!defaults.has(m[1])) defaults.set(m[1], m[2]);
  for (const m of body.matchAll(/\$\{(\d+)\|([^,|}]*)[^}]*\|\}/g))
    if (!defaults.has(m[1])) defaults.set(m[1], m[2]);
  return body
    .replace(/\$\{(\d+)\|[^}]*\|\}/g, (_, n: string) => defaults.get(n) ?? '')
    .replace(/\$\{(\d+):[^}]*\}/g, (_, n: string) => defaults.get(n) ?? '')
    .replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a?: string, b?: string) => defaults.get(a ?? b ?? '0') ?? '');
}

test('every snippet has a clear istio- prefix and a description', () => {
  const prefixes = Object.values(snippets).map((s) => s.prefix);
  assert.equal(new Set(prefixes).size, prefixes.length, 'prefixes are unique');
  for (const [name, s] of Object.entries(snippets)) {
    assert.match(s.prefix, /^istio-[a-z-]+$/, name);
    assert.ok(s.description.length > 30, name);
  }
  assert.ok(prefixes.length >= 19);
});

for (const [name, s] of Object.entries(snippets)) {
  test(`snippet "${name}" expands to valid Istio YAML`, () => {
    const text = expand(s.body.join('\n'));
    assert.ok(!text.includes('$'), text);
    const errors = diagnose(text).filter((d) => d.severity === 1 || d.severity === 2);
    assert.deepEqual(
      errors.map((d) => [d.code, d.range.start.line, d.message]),
      [],
    );
    assert.match(text, /^apiVersion: [a-z.]+istio\.io\//);
  });
}

test('the expansion helper handles mirrors and choices', () => {
  assert.equal(expand('a: ${1:x}\nb: $1\nc: ${3|p,q|}\nd: ${1:x}\n$0'), 'a: x\nb: x\nc: p\nd: x\n');
});

test('every "New <Kind>" completion expands to a valid resource', () => {
  const items = completeAt('|').filter((i) => String(i.label).startsWith('New '));
  assert.equal(items.length, 16);
  for (const item of items) {
    const text = expand(String(item.insertText));
    const errors = diagnose(text).filter((d) => d.severity === 1 || d.severity === 2);
    assert.deepEqual(
      errors.map((d) => [item.label, d.code, d.range.start.line, d.message]),
      [],
    );
  }
});
