/**
 * Issue 10, defects 5 and 6: the engine's line model is LSP's (a line ends at \n, \r\n or a lone \r),
 * and U+2028 is an ordinary character inside a line.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex, splitLines } from '../../../server/src/service/yaml/lines';
import { splitDocuments } from '../../../server/src/service/yaml/split';
import { diagnose, expectDiagnostic, service } from '../helpers';

const DR = (name: string, extra: string): string =>
  `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: ${name}\nspec:\n  host: reviews\n${extra}`;

test('defect 6: a lone CR in a comment counts as a line end, so diagnostics below it stay on their line', () => {
  // Lines (LSP): 0 apiVersion, 1 kind, 2 metadata, 3 name, 4 "# first", 5 "# second", 6 spec, 7 host, 8 bogus
  const text =
    'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: r\n# first\r# second\nspec:\n  host: reviews\n  bogusField: 1\n';
  expectDiagnostic(diagnose(text), 'unknown-field', 8);
});

test('defect 6: lone CR line ends everywhere: a second document after CR-only lines', () => {
  const text = DR('a', '') + '---\r' + DR('b', '  bogusField: 1\n').replace(/\n/g, '\r');
  // The first document has 6 lines (0-5) and an empty line 6 after the last \n; "---" is line 6.
  // In the second: apiVersion 7, kind 8, metadata 9, name 10, spec 11, host 12, bogusField 13.
  expectDiagnostic(diagnose(text), 'unknown-field', 13);
});

test('defect 6: the line index treats \\n, \\r\\n and \\r as line ends', () => {
  const text = 'a\nb\r\nc\rd';
  const idx = new LineIndex(text);
  assert.equal(idx.lineCount, 4);
  assert.deepEqual(idx.position(text.indexOf('d')), { line: 3, character: 0 });
  assert.deepEqual(idx.position(text.indexOf('c')), { line: 2, character: 0 });
  // Between \r and \n is still the end of line 1.
  assert.deepEqual(idx.position(text.indexOf('\r\n') + 1), { line: 1, character: 1 });
  assert.equal(idx.offset({ line: 1, character: 99 }), text.indexOf('\r\n'));
  assert.equal(idx.offset({ line: 2, character: 99 }), text.indexOf('\rd'));
  assert.deepEqual(splitLines(text), ['a', 'b', 'c', 'd']);
});

test('defect 6: document markers after a lone CR start a new document on the right line', () => {
  const chunks = splitDocuments('a: 1\r---\rb: 2\r\n---\nc: 3');
  assert.deepEqual(
    chunks.map((c) => [c.line, c.offset]),
    [
      [0, 0],
      [1, 5],
      [3, 15],
    ],
  );
});

test('defect 5: completion does not throw when the cursor line holds U+2028', () => {
  const s = service();
  const file = s.snapshot('file:///t/u2028.yaml', 1, 'a: b\u2028c');
  assert.ok(Array.isArray(s.completion(file, { line: 0, character: 6 })));
  const vs = s.snapshot(
    'file:///t/u2028-vs.yaml',
    1,
    'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: x\u2028y\nspec:\n  ho\u2028',
  );
  for (let c = 0; c <= 6; c++) assert.ok(Array.isArray(s.completion(vs, { line: 5, character: c })));
  for (let c = 0; c <= 10; c++) assert.ok(Array.isArray(s.completion(vs, { line: 3, character: c })));
});

test('defect 5: completion does not throw when the cursor line holds a lone CR', () => {
  const s = service();
  const file = s.snapshot(
    'file:///t/cr.yaml',
    1,
    'apiVersion: networking.istio.io/v1\rkind: VirtualService\rmetadata:\r  name: x\rspec:\r  ',
  );
  const items = s.completion(file, { line: 5, character: 2 });
  assert.ok(
    items.some((i) => i.label === 'hosts'),
    JSON.stringify(items.map((i) => i.label)),
  );
});
