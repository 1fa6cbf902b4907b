import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../shared/src/protocol';
import { DocumentStore } from '../../../server/src/service/documentStore';
import { WORKSPACE_RULES } from '../../../server/src/service/rules/workspace/index';
import type { WorkspaceRule } from '../../../server/src/service/rules/workspace/rule';
import { WorkspaceEngine } from '../../../server/src/service/workspace/engine';
import { ReportCache } from '../../../server/src/service/workspace/reports';
import { service } from '../helpers';

// Issue 12 §3, diagnostics model: per-document findings are cached by text; cross-resource findings
// are cached by the revision of what they read; a report's resultId changes only when its diagnostics do.

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  gateways: [bookinfo/gw]
  http:
  - route:
    - destination: {host: reviews, subset: v9}
`;
const DR = (subsets: string): string => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets: [${subsets}]
`;
const GW = (host: string): string => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: bookinfo}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["${host}"]
`;
const SVC =
  'apiVersion: v1\nkind: Service\nmetadata: {name: reviews, namespace: bookinfo}\nspec:\n  ports: [{name: http, port: 80}]\n';

/** The real rules, each counting how often it runs. */
function counted(): { rules: WorkspaceRule[]; runs: Map<string, number> } {
  const runs = new Map<string, number>();
  const rules = WORKSPACE_RULES.map((r): WorkspaceRule => ({
    ...r,
    check(ctx) {
      runs.set(r.id, (runs.get(r.id) ?? 0) + 1);
      r.check(ctx);
    },
  }));
  return { rules, runs };
}

describe('cross-resource findings are cached by the revision of what each rule read', () => {
  it('an edit re-runs exactly the rules that read the edited kind; an unchanged snapshot re-runs none', () => {
    const { rules, runs } = counted();
    const engine = new WorkspaceEngine(undefined, rules);
    const store = new DocumentStore();
    let version = 0;
    const put = (name: string, text: string): boolean =>
      engine.update(store.snapshot(`file:///c/${name}`, ++version, text));
    put('vs.yaml', VS);
    put('dr.yaml', DR('{name: v1}'));
    const drVersion = version;
    put('gw.yaml', GW('*'));
    put('svc.yaml', SVC);
    const first = engine.findings(DEFAULT_SETTINGS);
    assert.deepEqual(
      [...runs.values()].every((n) => n === 1),
      true,
    );
    assert.equal(runs.size, WORKSPACE_RULES.length, 'every rule ran once');

    // Nothing changed: the same map, no rule re-runs.
    assert.equal(engine.findings(DEFAULT_SETTINGS), first);
    assert.equal(
      [...runs.values()].reduce((a, b) => a + b, 0),
      WORKSPACE_RULES.length,
    );

    // The same text again, from the store: the same snapshot, the index does not change.
    const same = store.snapshot('file:///c/dr.yaml', drVersion, DR('{name: v1}'));
    assert.equal(engine.update(same), false);

    // A Gateway edit: only the rules that read Gateway run again.
    runs.clear();
    put('gw.yaml', GW('reviews.example.com'));
    engine.findings(DEFAULT_SETTINGS);
    const expected = WORKSPACE_RULES.filter((r) => r.reads.includes('Gateway'))
      .map((r) => r.id)
      .sort();
    assert.ok(expected.includes('vs-gateway-not-found'));
    assert.deepEqual([...runs.keys()].sort(), expected);
    assert.equal(runs.has('vs-subset-not-found'), false, 'the subset check does not read Gateways');

    // A DestinationRule edit: the subset check runs again, the gateway check does not.
    runs.clear();
    put('dr.yaml', DR('{name: v1}, {name: v9}'));
    engine.findings(DEFAULT_SETTINGS);
    assert.equal(runs.get('vs-subset-not-found'), 1);
    assert.equal(runs.has('vs-gateway-not-found'), false);
  });

  it('a change of the mesh (istio.mesh.configFile) or of the cluster domain re-runs every rule', () => {
    const { rules, runs } = counted();
    const engine = new WorkspaceEngine(undefined, rules);
    const store = new DocumentStore();
    engine.update(store.snapshot('file:///m/vs.yaml', 1, VS));
    engine.findings(DEFAULT_SETTINGS);
    runs.clear();
    engine.setMeshConfig('rootNamespace: mesh-root\n');
    engine.findings(DEFAULT_SETTINGS);
    assert.equal(runs.size, WORKSPACE_RULES.length);
    runs.clear();
    engine.findings({ ...DEFAULT_SETTINGS, mesh: { clusterDomain: 'corp.internal', configFile: '' } });
    assert.equal(runs.size, WORKSPACE_RULES.length);
  });
});

describe('workspace diagnostic reports and their resultIds', () => {
  it('unchanged input gives the same report; a dependency edit changes it; reverting restores the resultId', () => {
    const s = service();
    const cache = new ReportCache(s);
    const uri = (n: string): string => `file:///r/${n}`;
    const files = { 'vs.yaml': VS, 'gw.yaml': GW('*'), 'svc.yaml': SVC };
    let version = 0;
    const put = (name: string, text: string) => {
      const f = s.snapshot(uri(name), ++version, text);
      s.workspace.update(f);
      return f;
    };
    try {
      const vs = put('vs.yaml', files['vs.yaml']);
      const svc = put('svc.yaml', files['svc.yaml']);
      put('gw.yaml', files['gw.yaml']);
      put('dr.yaml', DR('{name: v1}'));
      const a = cache.report(vs, DEFAULT_SETTINGS);
      const svcReport = cache.report(svc, DEFAULT_SETTINGS);
      assert.deepEqual(
        a.items.filter((d) => d.code === 'IST0101').map((d) => d.range.start.line),
        [8],
        'the subset v9 is missing from the DestinationRule',
      );
      assert.equal(cache.report(vs, DEFAULT_SETTINGS), a, 'nothing changed: the cached report itself');

      put('dr.yaml', DR('{name: v1}, {name: v9}'));
      const b = cache.report(vs, DEFAULT_SETTINGS);
      assert.notEqual(b.resultId, a.resultId);
      assert.deepEqual(
        b.items.filter((d) => d.code === 'IST0101'),
        [],
      );
      assert.equal(
        cache.report(svc, DEFAULT_SETTINGS).resultId,
        svcReport.resultId,
        'an unaffected file keeps its id',
      );

      put('dr.yaml', DR('{name: v1}'));
      assert.equal(cache.report(vs, DEFAULT_SETTINGS).resultId, a.resultId, 'same diagnostics, same id');

      cache.forget(uri('vs.yaml'));
      assert.notEqual(
        cache.report(vs, DEFAULT_SETTINGS).resultId,
        a.resultId,
        'after the client forgot it, sent in full',
      );
    } finally {
      for (const n of ['vs.yaml', 'gw.yaml', 'svc.yaml', 'dr.yaml']) {
        s.workspace.remove(uri(n));
        s.close(uri(n));
      }
    }
  });
});
