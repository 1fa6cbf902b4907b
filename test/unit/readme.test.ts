import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUILTIN_EXPLANATIONS } from '../../server/src/service/checks/explanations';
import { ALL_RULES } from '../../server/src/service/rules/index';
import { WORKSPACE_RULES } from '../../server/src/service/rules/workspace/index';
import { UNRESOLVED_CODE } from '../../server/src/service/rules/workspace/rule';
import { render } from '../../scripts/generate-rule-docs';
import { ROOT } from './helpers';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

test('every diagnostic code is in the README tables', () => {
  const codes = [
    ...Object.keys(BUILTIN_EXPLANATIONS),
    ...ALL_RULES.map((r) => r.code),
    ...WORKSPACE_RULES.map((r) => r.code),
    UNRESOLVED_CODE,
  ];
  assert.deepEqual(
    codes.filter((c) => !readme.includes('`' + c + '`')),
    [],
  );
});

test('rule codes are unique and every rule explains itself', () => {
  const codes = ALL_RULES.map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const r of ALL_RULES) {
    assert.ok(r.explanation.length > 60, `${r.code} needs an explanation`);
    assert.ok(r.title.length > 5, `${r.code} needs a title`);
    assert.ok(r.kinds.length > 0, `${r.code} applies to no kind`);
  }
});

test('every workspace rule explains itself and has its code documented in docs/rules.md', () => {
  const ids = WORKSPACE_RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  const headings = new Set(
    [...readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8').matchAll(/^### (\S+)/gm)].map((m) => m[1]),
  );
  for (const r of WORKSPACE_RULES) {
    assert.ok(r.explanation.length > 60, `${r.id} needs an explanation`);
    assert.ok(r.title.length > 5, `${r.id} needs a title`);
    assert.ok(r.reads.length > 0, `${r.id} reads nothing`);
    // The anchor a diagnostic's codeDescription links to (#code in lower case) exists.
    assert.ok(headings.has(r.code), `docs/rules.md has no heading for ${r.code}`);
  }
  assert.ok(headings.has(UNRESOLVED_CODE));
});

test('docs/rules.md is up to date with the engine', () => {
  assert.equal(readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8'), render(), 'run npm run docs:rules');
});

test('the README starts with the two commands', () => {
  const top = readme.split('\n').slice(0, 15).join('\n');
  assert.match(top, /npm ci && npm start/);
  assert.match(top, /npm test/);
});

test('every command and setting of package.json is documented', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    contributes: {
      commands: { command: string; category: string }[];
      configuration: { properties: Record<string, unknown> };
    };
  };
  for (const c of pkg.contributes.commands) {
    assert.equal(c.category, 'Istio');
    if (!c.command.startsWith('istio._')) assert.ok(readme.includes('`' + c.command + '`'), c.command);
  }
  for (const s of Object.keys(pkg.contributes.configuration.properties))
    assert.ok(readme.includes('`' + s + '`'), s);
});
