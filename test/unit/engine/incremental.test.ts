import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../shared/src/protocol';
import { IstioService } from '../../../server/src/service/index';
import { splitDocuments } from '../../../server/src/service/yaml/split';
import { SCHEMAS } from '../helpers';

const doc = (i: number): string => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: dr-${i}
spec:
  host: svc-${i}
`;

test('splitDocuments splits at --- in column 0 only and keeps line numbers', () => {
  const text = 'a: 1\n---\nb: |\n  ---not a marker\n  x\n--- # comment\nc: 3\n';
  const chunks = splitDocuments(text);
  assert.deepEqual(
    chunks.map((c) => [c.line, c.offset]),
    [
      [0, 0],
      [1, 5],
      [5, text.indexOf('--- #')],
    ],
  );
  assert.equal(chunks.map((c) => c.text).join(''), text);
});

test('an edit to one document reparses only that document', () => {
  const svc = new IstioService({ schemasDir: SCHEMAS });
  const docs = Array.from({ length: 50 }, (_, i) => doc(i));
  const v1 = svc.snapshot('file:///big.yaml', 1, docs.join('---\n'));
  svc.diagnostics(v1, DEFAULT_SETTINGS);
  docs[25] = docs[25].replace('host: svc-25', 'hots: svc-25');
  const v2 = svc.snapshot('file:///big.yaml', 2, docs.join('---\n'));
  const reused = v2.documents.filter((d, i) => d.state === v1.documents[i].state).length;
  assert.equal(v2.documents.length, 50);
  assert.equal(reused, 49, 'every unchanged document keeps its parsed state');
  assert.notEqual(v2.documents[25].state, v1.documents[25].state);
  // The unchanged documents keep their findings, so they are not checked again.
  assert.ok(v2.documents[24].state.findings, 'findings of unchanged documents are reused');
  assert.equal(v2.documents[25].state.findings, undefined, 'the edited document waits to be checked');
  const diags = svc.diagnostics(v2, DEFAULT_SETTINGS);
  // Each document is 6 lines plus a marker line; document 25 starts at line 25 * 7, its `hots:` is 5 below.
  // The misspelt key is unknown, and the required `host` is missing (reported on the spec key).
  assert.deepEqual(diags.map((d) => [d.code, d.range.start.line]).sort(), [
    ['missing-required-field', 25 * 7 + 4],
    ['unknown-field', 25 * 7 + 5],
  ]);
});

test('inserting lines above shifts the diagnostics of unchanged documents', () => {
  const svc = new IstioService({ schemasDir: SCHEMAS });
  const bad = doc(1).replace('host:', 'hots:');
  const v1 = svc.snapshot('file:///a.yaml', 1, `${doc(0)}---\n${bad}`);
  const d1 = svc.diagnostics(v1, DEFAULT_SETTINGS).find((d) => d.code === 'unknown-field');
  assert.equal(d1?.range.start.line, 12);
  // Two label lines are added to the first document; the second one moves down by two lines.
  const longer = doc(0).replace('  name: dr-0\n', '  name: dr-0\n  labels:\n    app: a\n');
  const v2 = svc.snapshot('file:///a.yaml', 2, `${longer}---\n${bad}`);
  assert.equal(v2.documents[1].state, v1.documents[1].state);
  const d2 = svc.diagnostics(v2, DEFAULT_SETTINGS).find((d) => d.code === 'unknown-field');
  assert.equal(d2?.range.start.line, 14);
});

test('closing a file drops its cache entry', () => {
  const svc = new IstioService({ schemasDir: SCHEMAS });
  const v1 = svc.snapshot('file:///c.yaml', 1, doc(1));
  svc.close('file:///c.yaml');
  const v2 = svc.snapshot('file:///c.yaml', 2, doc(1));
  assert.notEqual(v2.documents[0].state, v1.documents[0].state);
});
