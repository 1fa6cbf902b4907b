import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../shared/src/protocol';
import { service } from '../helpers';
import { indexCompletions } from '../../../server/src/service/workspace/completionSources';

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  gateways: [edge/public]
  http:
  - route:
    - destination:
        host: reviews
        subset: v2
`;
const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets:
  - name: v1
  - name: v2
`;
const GW = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
  namespace: edge
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*/*"]}]
`;

let n = 0;
function workspace(files: Record<string, string>): { uri: (name: string) => string; done: () => void } {
  const s = service();
  const base = `file:///nav${++n}/`;
  for (const [name, text] of Object.entries(files)) s.workspace.update(s.snapshot(base + name, 1, text));
  return {
    uri: (name) => base + name,
    done: () => Object.keys(files).forEach((name) => s.workspace.remove(base + name)),
  };
}

describe('navigation across files', () => {
  it('F12 on a subset goes to the subset entry of the DestinationRule in the other file', () => {
    const ws = workspace({ 'vs.yaml': VS, 'dr.yaml': DR, 'gw.yaml': GW });
    const s = service();
    const file = s.workspace.index.snapshot(ws.uri('vs.yaml'))!;
    const locs = s.workspace.definition(file, { line: 10, character: 17 }, DEFAULT_SETTINGS);
    assert.deepEqual(locs, [
      {
        uri: ws.uri('dr.yaml'),
        range: { start: { line: 7, character: 10 }, end: { line: 7, character: 12 } },
      },
    ]);
    const gw = s.workspace.definition(file, { line: 5, character: 14 }, DEFAULT_SETTINGS);
    assert.equal(gw[0]?.uri, ws.uri('gw.yaml'));
    assert.equal(gw[0]?.range.start.line, 3);
    ws.done();
  });

  it('Shift+F12 on a DestinationRule subset and on a Gateway finds the VirtualService', () => {
    const ws = workspace({ 'vs.yaml': VS, 'dr.yaml': DR, 'gw.yaml': GW });
    const s = service();
    const dr = s.workspace.index.snapshot(ws.uri('dr.yaml'))!;
    const refs = s.workspace.references(dr, { line: 7, character: 11 }, DEFAULT_SETTINGS);
    assert.deepEqual(
      refs.map((l) => [l.uri, l.range.start.line]),
      [[ws.uri('vs.yaml'), 10]],
    );
    assert.deepEqual(
      s.workspace.references(dr, { line: 6, character: 11 }, DEFAULT_SETTINGS),
      [],
      'v1 is not used',
    );
    const gw = s.workspace.index.snapshot(ws.uri('gw.yaml'))!;
    const gwRefs = s.workspace.references(gw, { line: 3, character: 9 }, DEFAULT_SETTINGS);
    assert.deepEqual(
      gwRefs.map((l) => [l.uri, l.range.start.line]),
      [[ws.uri('vs.yaml'), 5]],
    );
    ws.done();
  });

  it('completion after subset: offers the subsets of the DestinationRule Istio would apply', () => {
    const typing = VS.replace('subset: v2', 'subset: ');
    const ws = workspace({ 'vs.yaml': typing, 'dr.yaml': DR });
    const s = service();
    const file = s.workspace.index.snapshot(ws.uri('vs.yaml'))!;
    const resolver = s.workspace.resolver(DEFAULT_SETTINGS);
    const { items } = indexCompletions(s.workspace.index, resolver, file, { line: 10, character: 16 });
    assert.deepEqual(
      items.map((i) => i.label),
      ['v1', 'v2'],
    );
    for (const i of items)
      assert.match(i.detail ?? '', /DestinationRule bookinfo\/reviews/, 'says where it comes from');
    ws.done();
  });
});
