import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Position, WorkspaceEdit } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../../shared/src/protocol';
import { prepareRename, rename, type RenameOptions } from '../../../server/src/service/workspace/rename';
import { service } from '../helpers';
import { errors, Files } from './edits';

// Templates: the subset and gateway names are parameters, so that the expected text after a rename
// is written out by hand below (the name each place must have), not computed by the code under test.
const DR = (v2: string): string => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: bookinfo
spec:
  host: reviews
  subsets:
  - name: v1
    labels: {version: v1}
  - name: ${v2}
    labels: {version: v2}
`;
const VS = (v2: string, gw: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  gateways: [edge/${gw}, mesh]
  http:
  - match:
    - gateways: ["${gw}.edge"]
    route:
    - destination:
        host: reviews
        subset: ${v2}
    mirror: {host: reviews, subset: '${v2}'}
  - route:
    - destination: {host: reviews, subset: v1}
`;
// Another namespace routes to bookinfo's reviews: it has no DestinationRule of its own, so the one in
// the service namespace applies. Its second VirtualService binds shop/public, another Gateway.
const SHOP = (v2: string, gw: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: shop, namespace: shop}
spec:
  hosts: [shop.example.com]
  gateways: [edge/${gw}]
  http:
  - route:
    - destination: {host: reviews.bookinfo.svc.cluster.local, subset: ${v2}}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: local, namespace: shop}
spec:
  hosts: [local.example.com]
  gateways: [public]
  http:
  - route:
    - destination: {host: reviews.bookinfo.svc.cluster.local, subset: v1}
`;
// Namespace other has its own reviews Service host and DestinationRule with a v2 subset.
const OTHER = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: other}
spec:
  host: reviews
  subsets: [{name: v2, labels: {version: v2}}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: other}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v2}
`;
const GW = (gw: string): string => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${gw}
  namespace: edge
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*/*"]}]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: shop}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 8080, name: http, protocol: HTTP}, hosts: ["*/*"]}]
`;
const EDGE = (gw: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: edge, namespace: edge}
spec:
  hosts: [edge.example.com]
  gateways: [${gw}, ./${gw}, ${gw}.edge.svc.cluster.local]
  http:
  - route:
    - destination: {host: reviews.bookinfo.svc.cluster.local}
`;

const files = (): Files =>
  new Files({
    'dr.yaml': DR('v2'),
    'vs.yaml': VS('v2', 'public'),
    'shop.yaml': SHOP('v2', 'public'),
    'other.yaml': OTHER,
    'gw.yaml': GW('public'),
    'edge.yaml': EDGE('public'),
  });

const CHANGES: RenameOptions = { versionOf: () => null, documentChanges: false };

function renameAt(ws: Files, name: string, at: Position, newName: string, o = CHANGES) {
  const s = service();
  return rename(s.workspace.index, s.workspace.resolver(DEFAULT_SETTINGS), ws.snapshot(name), at, newName, o);
}

function prepareAt(ws: Files, name: string, at: Position) {
  const s = service();
  return prepareRename(s.workspace.index, s.workspace.resolver(DEFAULT_SETTINGS), ws.snapshot(name), at);
}

function edit(result: WorkspaceEdit | { error: string }): WorkspaceEdit {
  assert.ok(!('error' in result), `rename refused: ${'error' in result ? result.error : ''}`);
  return result;
}

describe('rename a DestinationRule subset across files', () => {
  for (const [where, file, at] of [
    ['on the DestinationRule subset name', 'dr.yaml', { line: 10, character: 11 }],
    ['on a route subset in another file', 'vs.yaml', { line: 12, character: 17 }],
    ['on a route subset of another namespace', 'shop.yaml', { line: 8, character: 70 }],
  ] as const) {
    it(`renames the subset and exactly the routes Istio binds to it, ${where}`, () => {
      const ws = files();
      try {
        const before = errors(ws, ws.diagnostics());
        ws.apply(edit(renameAt(ws, file, at, 'v3')));
        assert.equal(ws.text('dr.yaml'), DR('v3'));
        assert.equal(ws.text('vs.yaml'), VS('v3', 'public'));
        assert.equal(ws.text('shop.yaml'), SHOP('v3', 'public'));
        assert.equal(ws.text('other.yaml'), OTHER, 'the same-named subset of namespace other stays');
        assert.deepEqual(errors(ws, ws.diagnostics()), before, 'no error appears or goes away');
      } finally {
        ws.done();
      }
    });
  }

  it('prepareRename gives the subset name without its quotes', () => {
    const ws = files();
    try {
      assert.deepEqual(prepareAt(ws, 'vs.yaml', { line: 13, character: 37 }), {
        range: { start: { line: 13, character: 37 }, end: { line: 13, character: 39 } },
        placeholder: 'v2',
      });
    } finally {
      ws.done();
    }
  });

  it('refuses an invalid name, and a name the DestinationRule already has', () => {
    const ws = files();
    try {
      const bad = renameAt(ws, 'dr.yaml', { line: 10, character: 11 }, 'v_3');
      assert.match('error' in bad ? bad.error : '', /"v_3" is not a valid subset name/);
      const taken = renameAt(ws, 'dr.yaml', { line: 10, character: 11 }, 'v1');
      assert.match(
        'error' in taken ? taken.error : '',
        /DestinationRule bookinfo\/reviews already defines subset "v1"/,
      );
    } finally {
      ws.done();
    }
  });

  it('refuses a route subset that no DestinationRule in the workspace defines', () => {
    const ws = new Files({ 'vs.yaml': VS('v9', 'public') });
    try {
      const r = prepareAt(ws, 'vs.yaml', { line: 12, character: 17 });
      assert.deepEqual(r, {
        error:
          'No DestinationRule in the workspace defines subset "v9" for host "reviews.bookinfo.svc.cluster.local"',
      });
    } finally {
      ws.done();
    }
  });
});

describe('rename a Gateway across files', () => {
  for (const [where, file, at, range] of [
    ['on the Gateway name', 'gw.yaml', { line: 3, character: 9 }, [3, 8, 14]],
    ['on an ns/name entry', 'vs.yaml', { line: 5, character: 18 }, [5, 18, 24]],
    ['on a legacy name.ns entry', 'vs.yaml', { line: 8, character: 18 }, [8, 18, 24]],
    ['on an FQDN entry', 'edge.yaml', { line: 5, character: 32 }, [5, 31, 37]],
  ] as const) {
    it(`renames the Gateway and each entry that binds it, in its own form, ${where}`, () => {
      const ws = files();
      try {
        assert.deepEqual(prepareAt(ws, file, at), {
          range: {
            start: { line: range[0], character: range[1] },
            end: { line: range[0], character: range[2] },
          },
          placeholder: 'public',
        });
        const before = errors(ws, ws.diagnostics());
        ws.apply(edit(renameAt(ws, file, at, 'front')));
        assert.equal(ws.text('gw.yaml'), GW('front'), 'shop/public keeps its name');
        assert.equal(ws.text('vs.yaml'), VS('v2', 'front'));
        assert.equal(ws.text('shop.yaml'), SHOP('v2', 'front'), 'the bare "public" in shop is shop/public');
        assert.equal(ws.text('edge.yaml'), EDGE('front'));
        assert.deepEqual(errors(ws, ws.diagnostics()), before);
      } finally {
        ws.done();
      }
    });
  }

  it('uses versioned edits for open documents only', () => {
    const ws = files();
    try {
      const result = edit(
        renameAt(ws, 'gw.yaml', { line: 3, character: 9 }, 'front', {
          versionOf: (uri) => (uri === ws.uri('vs.yaml') ? 7 : null),
          documentChanges: true,
        }),
      );
      const versions: Record<string, unknown> = Object.fromEntries(
        (result.documentChanges ?? []).map((c): [string, number | null | string] =>
          'textDocument' in c
            ? [c.textDocument.uri.slice(ws.base.length), c.textDocument.version]
            : ['?', '?'],
        ),
      );
      assert.deepEqual(versions, { 'gw.yaml': null, 'vs.yaml': 7, 'shop.yaml': null, 'edge.yaml': null });
    } finally {
      ws.done();
    }
  });

  it('refuses invalid and taken names, mesh, and places that are not a subset or Gateway', () => {
    const ws = files();
    try {
      const at = { line: 3, character: 9 };
      const upper = renameAt(ws, 'gw.yaml', at, 'Front');
      assert.match('error' in upper ? upper.error : '', /"Front" is not a valid Gateway name/);
      const dotted = renameAt(ws, 'gw.yaml', at, 'front.edge');
      assert.match('error' in dotted ? dotted.error : '', /not a valid Gateway name/);
      assert.deepEqual(renameAt(ws, 'gw.yaml', at, 'public'), {}, 'the same name is no change');
      const mesh = prepareAt(ws, 'vs.yaml', { line: 5, character: 27 });
      assert.match('error' in mesh ? mesh.error : '', /"mesh" stands for the sidecars/);
      const host = prepareAt(ws, 'vs.yaml', { line: 11, character: 16 });
      assert.match('error' in host ? host.error : '', /Rename works on a DestinationRule subset name/);
      const kind = prepareAt(ws, 'vs.yaml', { line: 1, character: 8 });
      assert.ok('error' in kind);
    } finally {
      ws.done();
    }
  });

  it('refuses a Gateway API Gateway, from its name and from an entry that binds it', () => {
    const ws = new Files({
      'k8s.yaml': `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: shared, namespace: edge}
spec:
  gatewayClassName: istio
  listeners: [{name: http, port: 80, protocol: HTTP}]
`,
      'vs.yaml': VS('v2', 'shared'),
    });
    try {
      assert.deepEqual(prepareAt(ws, 'k8s.yaml', { line: 2, character: 18 }), {
        error: 'shared is a Gateway API Gateway; rename it where its routes are defined',
      });
      assert.deepEqual(prepareAt(ws, 'vs.yaml', { line: 5, character: 18 }), {
        error: 'edge/shared is a Gateway API Gateway; rename it where its routes are defined',
      });
    } finally {
      ws.done();
    }
  });

  it('refuses a name another Gateway of the namespace has', () => {
    const ws = new Files({
      'gw.yaml': GW('public'),
      'b.yaml': GW('back').split('---')[0],
    });
    try {
      const taken = renameAt(ws, 'gw.yaml', { line: 3, character: 9 }, 'back');
      assert.deepEqual(taken, { error: 'Gateway edge/back already exists' });
    } finally {
      ws.done();
    }
  });
});

describe('rename and quick fixes on odd input', () => {
  it('refuse rather than throw: out-of-range positions, broken YAML, empty files', () => {
    const ws = new Files({
      'empty.yaml': '',
      'broken.yaml':
        'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: x\n  subset: [',
      'vs.yaml': VS('v2', 'public'),
    });
    try {
      for (const name of ['empty.yaml', 'broken.yaml', 'vs.yaml'])
        for (const at of [
          { line: 0, character: 0 },
          { line: 3, character: 500 },
          { line: 100000, character: 3 },
        ]) {
          assert.ok('error' in prepareAt(ws, name, at), `${name} ${JSON.stringify(at)}`);
          assert.ok('error' in renameAt(ws, name, at, 'v3'));
        }
    } finally {
      ws.done();
    }
  });
});
