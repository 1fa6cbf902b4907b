// A hover over a diagnostic puts what matters first (the code with its link and the quick fix), then
// the field's docs cut to their first paragraph; the full docs stay on the key's own hover.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hoverText } from '../helpers';

const VS = (cursorOnValue: boolean): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: r}
spec:
  hosts: [r]
  http:
  - ${cursorOnValue ? 'timeout: 5|' : 'time|out: 5'}
    route:
    - destination: {host: r}
`;

test('on a diagnostic: the code link and Quick Fix come before the field docs', () => {
  const text = hoverText(VS(true));
  const code = text.indexOf('[`invalid-type`](https://');
  const fix = text.indexOf('[Quick Fix…](command:editor.action.quickFix)');
  const field = text.indexOf('**timeout**');
  assert.ok(code >= 0 && fix >= 0 && field >= 0, text);
  assert.ok(code < field && fix < field, `code and quick fix must come first:\n${text}`);
  assert.equal(
    text.indexOf('invalid-type'),
    text.indexOf('`invalid-type`') + 1,
    'the code is the first thing',
  );
});

test("the field docs on a diagnostic are the first paragraph; the key's hover has them all", () => {
  const short = hoverText(VS(true));
  const full = hoverText(VS(false));
  const fieldPart = short.slice(short.indexOf('**timeout**'));
  assert.match(fieldPart, /Hover `timeout` for its full documentation/);
  assert.ok(full.length > fieldPart.length + 40, `full docs:\n${full}\nshort:\n${fieldPart}`);
  assert.ok(full.startsWith('**timeout**'), 'on the key, the field docs come first');
});
