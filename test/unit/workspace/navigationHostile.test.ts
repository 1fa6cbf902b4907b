import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_SETTINGS } from '../../../shared/src/protocol';
import { indexCompletions, MAX_ITEMS } from '../../../server/src/service/workspace/completionSources';
import { referenceHover } from '../../../server/src/service/workspace/referenceHover';
import { ACCOUNTS, DESTINATION_RULE, GATEWAY, MESH } from './meshFixture';
import { service } from '../helpers';
import { WorkspaceEngine } from '../../../server/src/service/workspace/engine';

/** Documents with every kind of reference, to be broken at random. */
const SEED = [
  `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  gateways: [edge/public, public.edge, ./x, mesh]
  exportTo: [".", bookinfo]
  http:
  - route:
    - destination:
        host: reviews
        subset: v2
        port: {number: 9080}
    mirror: {host: reviews, subset: v1}
`,
  `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ap, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: reviews}}
  targetRefs: [{kind: Service, name: reviews}]
  rules:
  - from:
    - source: {principals: [cluster.local/ns/bookinfo/sa/bookinfo-reviews, "*"], namespaces: [edge]}
`,
  DESTINATION_RULE,
  GATEWAY,
  ACCOUNTS,
].join('---\n');

const JUNK = [
  ' ',
  '  ',
  '- ',
  ':',
  ': ',
  '{',
  '}',
  '[',
  ']',
  '\n',
  '\n  ',
  '"',
  "'",
  '#',
  '*',
  '/',
  '.',
  'a',
  '0',
  '---\n',
  '&a ',
  '*a',
  '!!map ',
  '|',
  '~',
];

const edit = fc.record({
  at: fc.nat(),
  cut: fc.nat({ max: 40 }),
  insert: fc.array(fc.constantFrom(...JUNK), { maxLength: 6 }).map((a) => a.join('')),
});

test('completion, hover, definition and references never throw on broken text, and stay bounded', () => {
  const s = service();
  const engine = new WorkspaceEngine();
  const base = 'file:///hostile-nav/';
  for (const [name, text] of Object.entries(MESH)) engine.update(s.snapshot(base + name, 1, text));
  const uris = new Set([...Object.keys(MESH).map((n) => base + n), `${base}edit.yaml`]);
  let version = 1;
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), fc.nat(), fc.nat(), (edits, l, c) => {
      let text = SEED;
      for (const e of edits) {
        const at = e.at % (text.length + 1);
        text = text.slice(0, at) + e.insert + text.slice(at + e.cut);
      }
      const file = s.snapshot(`${base}edit.yaml`, ++version, text);
      engine.update(file);
      const lines = text.split('\n');
      const line = l % (lines.length + 1);
      const position = { line, character: c % ((lines[line]?.length ?? 0) + 2) };
      const r = engine.resolver(DEFAULT_SETTINGS);
      const got = indexCompletions(engine.index, r, file, position);
      assert.ok(got.items.length <= MAX_ITEMS);
      const h = referenceHover(engine.index, r, file, position);
      assert.ok(h === undefined || typeof h === 'string');
      for (const loc of [
        ...engine.definition(file, position, DEFAULT_SETTINGS),
        ...engine.references(file, position, DEFAULT_SETTINGS),
      ])
        assert.ok(uris.has(loc.uri), loc.uri);
    }),
    { numRuns: 300 },
  );
});
