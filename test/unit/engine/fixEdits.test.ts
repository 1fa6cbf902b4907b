import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FixBuilder } from '../../../server/src/service/fixes/edits';
import type { Fix } from '../../../server/src/service/types';
import { parseChunk } from '../../../server/src/service/yaml/parse';

function apply(text: string, fix: Fix | undefined): string {
  assert.ok(fix);
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.range.start - a.range.start)) {
    out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  }
  return out;
}

const TEXT = `spec:
  action: CUSTOM
  provider:
    name: ext
  rules:
  - {}
status: {}
`;

test('removing a block map field takes only its own lines', () => {
  const b = new FixBuilder(parseChunk(TEXT));
  assert.equal(
    apply(TEXT, b.removeField(['spec', 'provider'], 'x')),
    'spec:\n  action: CUSTOM\n  rules:\n  - {}\nstatus: {}\n',
  );
});

test('removing the last field after a block list keeps the next top-level key', () => {
  const b = new FixBuilder(parseChunk(TEXT));
  assert.equal(
    apply(TEXT, b.removeField(['spec', 'rules'], 'x')),
    'spec:\n  action: CUSTOM\n  provider:\n    name: ext\nstatus: {}\n',
  );
});

test('removing the only field of a map removes the map, and never leaves a null', () => {
  const b = new FixBuilder(parseChunk(TEXT));
  assert.equal(
    apply(TEXT, b.removeField(['spec', 'provider', 'name'], 'x')),
    'spec:\n  action: CUSTOM\n  rules:\n  - {}\nstatus: {}\n',
  );
  const item = 'spec:\n  rules:\n  - from:\n    - x\n';
  assert.equal(
    apply(item, new FixBuilder(parseChunk(item)).removeField(['spec', 'rules', 0, 'from'], 'x')),
    'spec:\n  rules:\n  - {}\n',
  );
  const spec = 'spec:\n  mtls:\n    mode: STRICT\n';
  assert.equal(
    apply(spec, new FixBuilder(parseChunk(spec)).removeField(['spec', 'mtls'], 'x')),
    'spec:\n  {}\n',
  );
});

test('inserting after a block collection goes right after it, before the next key', () => {
  const b = new FixBuilder(parseChunk(TEXT));
  assert.equal(
    apply(TEXT, b.insertField(['spec'], 'selector', 'matchLabels:\n  app: a\n', 'x')),
    'spec:\n  action: CUSTOM\n  provider:\n    name: ext\n  rules:\n  - {}\n  selector:\n    matchLabels:\n      app: a\nstatus: {}\n',
  );
});

test('renaming a key and replacing a value edit only that text', () => {
  const b = new FixBuilder(parseChunk(TEXT));
  assert.equal(
    apply(TEXT, b.renameKey(['spec', 'action'], 'actions', 'x')),
    TEXT.replace('action:', 'actions:'),
  );
  assert.equal(apply(TEXT, b.replaceValue(['spec', 'action'], 'DENY', 'x')), TEXT.replace('CUSTOM', 'DENY'));
});
