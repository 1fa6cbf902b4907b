/**
 * Issue 10, defect 1: memory must not grow with the edits of an open file. Old versions have to
 * become garbage: nothing a snapshot holds may reach the previous snapshot, and a reused document
 * must not pin the whole text of the version it was first parsed in.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DocumentStore } from '../../../server/src/service/documentStore';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function collect(): Promise<void> {
  // WeakRefs are cleared only after the current job; let it end before collecting.
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setImmediate(r));
    gc();
  }
}

const DOC = (n: number): string =>
  `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: r${n}\nspec:\n  host: reviews\n`;

test('defect 1: a snapshot does not keep the previous snapshot alive (closures sharing scope)', async () => {
  const store = new DocumentStore();
  const text = (v: number): string => `${DOC(1)}---\n${DOC(2)}# edit ${v}\n`;
  let first: WeakRef<object> | undefined;
  let latest = store.snapshot('file:///a.yaml', 1, text(1));
  first = new WeakRef(latest);
  for (let v = 2; v <= 5; v++) {
    latest = store.snapshot('file:///a.yaml', v, text(v));
    latest.lines();
    latest.documentAtLine(3);
  }
  await collect();
  assert.equal(first.deref(), undefined, 'version 1 is still reachable from version 5');
  first = undefined;
  assert.equal(latest.version, 5);
});

test('defect 1: a reused document does not pin the text of the version it came from (string slices)', async () => {
  const store = new DocumentStore();
  const big = '# ' + 'x'.repeat(30 * 1024 * 1024) + '\n';
  // Version 1: a small document followed by a 30 MB comment-only document.
  store.snapshot('file:///b.yaml', 1, `${DOC(1)}---\n${big}`);
  // Version 2 drops the big document; the first document is reused from version 1.
  const v2 = store.snapshot('file:///b.yaml', 2, `${DOC(1)}---\n${DOC(2)}`);
  await collect();
  const heapMB = process.memoryUsage().heapUsed / 1048576;
  const reused = v2.documents[0].state.parsed.text;
  assert.ok(reused.startsWith('apiVersion'));
  assert.ok(heapMB < 25, `heap is ${heapMB.toFixed(1)} MB after the 30 MB version was replaced`);
});
