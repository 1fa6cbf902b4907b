// Cluster-aware checks in a real VS Code against the test API server (scripts/apiserver, seeded
// with bookinfo): the extension reads it through istio.cluster.kubeconfig (machine-scoped; set
// here with ConfigurationTarget.Global, as a user would in settings). What is expected comes from
// the seed (scripts/apiserver/seeds/bookinfo): legacy has the sleep Service and one pod labelled
// app=sleep only, no Service httpbin, and no injection label.
// The server's API port is then closed (every connection cut, connections refused: to a client, the
// server is gone) and opened again with the same state, as a restarted API server.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  SOURCE,
  WAIT_MS,
  describeDiagnostics,
  ensureActive,
  extension,
  istioDiagnostics,
  openInEditor,
  positionOf,
  writeWorkspaceFile,
} from '../helpers';
import { type TestCluster, kubectl, startTestCluster } from '../cluster';

const CONTEXT = 'it-cluster';

/** The sample files of samples/cluster/, as shipped. */
function sample(name: string): string {
  return fs.readFileSync(path.join(extension().extensionPath, 'samples', 'cluster', name), 'utf8');
}

/**
 * A file that is right against the seed: a route to the sleep Service, and subset v1 of details in
 * bookinfo, which the pod details-v1 (version=v1) matches.
 */
const GOOD = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: details-good
  namespace: legacy
spec:
  host: details.bookinfo.svc.cluster.local
  subsets:
    - name: v1
      labels:
        version: v1
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: sleep-good
  namespace: legacy
spec:
  hosts:
    - sleep-good.example.com
  http:
    - route:
        - destination:
            host: sleep
`;

/** Resolves once `predicate` holds for the istio diagnostics of `uri` (checked on every change). */
function diagnosticsUntil(
  uri: vscode.Uri,
  predicate: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  ms = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const ds = istioDiagnostics(uri);
      if (!predicate(ds)) return false;
      done();
      resolve(ds);
      return true;
    };
    const timer = setTimeout(() => {
      done();
      reject(
        new Error(
          `timed out after ${ms / 1000}s waiting for ${what} in ${path.basename(uri.fsPath)}; it has:\n${describeDiagnostics(istioDiagnostics(uri))}`,
        ),
      );
    }, ms);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const done = (): void => {
      clearTimeout(timer);
      sub.dispose();
    };
    check();
  });
}

const errors = (ds: vscode.Diagnostic[]): vscode.Diagnostic[] =>
  ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
const codeOf = (d: vscode.Diagnostic): string =>
  String(typeof d.code === 'object' ? d.code.value : (d.code ?? ''));
const key = (u: vscode.Uri, d: vscode.Diagnostic): string =>
  `${path.basename(u.fsPath)}:${d.range.start.line}:${codeOf(d)}`;

describe('cluster-aware checks against the test API server', function () {
  this.timeout(180_000);
  let cluster: TestCluster;
  let subsets: vscode.Uri;
  let routes: vscode.Uri;
  let workload: vscode.Uri;
  let good: vscode.Uri;
  const files = (): vscode.Uri[] => [subsets, routes, workload, good];

  const isSubsetError = (doc: vscode.TextDocument) => (d: vscode.Diagnostic) =>
    d.severity === vscode.DiagnosticSeverity.Error &&
    codeOf(d) === 'IST0173' &&
    d.range.start.line === positionOf(doc, '        version: v2').line;

  before(async () => {
    await ensureActive();
    cluster = await startTestCluster(CONTEXT);
    subsets = writeWorkspaceFile('cluster/sleep-subsets.yaml', sample('sleep-subsets.yaml')).uri;
    routes = writeWorkspaceFile('cluster/sleep-routes.yaml', sample('sleep-routes.yaml')).uri;
    workload = writeWorkspaceFile('cluster/legacy-workload.yaml', sample('legacy-workload.yaml')).uri;
    good = writeWorkspaceFile('cluster/sleep-good.yaml', GOOD).uri;
    await vscode.workspace
      .getConfiguration('istio')
      .update('cluster.kubeconfig', cluster.kubeconfig, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('istio')
      .update('cluster.kubeconfig', undefined, vscode.ConfigurationTarget.Global);
    await cluster?.stop();
    for (const u of files()) if (u) fs.rmSync(u.fsPath, { force: true });
  });

  it('flags a subset whose labels match no pod, in place, saying what in the cluster it rests on', async () => {
    const editor = await openInEditor(subsets);
    const ds = await diagnosticsUntil(
      subsets,
      (x) => x.some(isSubsetError(editor.document)),
      'IST0173 on subset v2 (no pod in legacy has version=v2)',
      60_000,
    );
    const d = ds.find(isSubsetError(editor.document))!;
    assert.equal(d.source, SOURCE);
    assert.match(d.message, /v2/);
    const related = (d.relatedInformation ?? []).map((r) => r.message).join(' | ');
    assert.match(related, new RegExp(`0 pods in namespace legacy .*version=v2.*cluster ${CONTEXT}`), related);
    // Subset v1 (app=sleep) matches the seed's sleep pod: nothing on it.
    const v1 = positionOf(editor.document, '        app: sleep').line;
    assert.deepEqual(
      errors(ds).filter((x) => x.range.start.line === v1),
      [],
    );
  });

  it('flags a host with no Service in the cluster, in place', async () => {
    const editor = await openInEditor(routes);
    const line = positionOf(editor.document, '            host: httpbin').line;
    const ds = await diagnosticsUntil(
      routes,
      (x) => x.some((d) => codeOf(d) === 'IST0101' && d.range.start.line === line),
      'IST0101 on host httpbin (no Service httpbin in legacy)',
    );
    const d = ds.find((x) => codeOf(x) === 'IST0101' && x.range.start.line === line)!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /httpbin/);
  });

  it('flags a namespace without sidecar injection, in place', async () => {
    // The workspace's Namespace legacy has no injection label, and the cluster injects (its
    // sidecar injector webhook): IST0102 on the namespace's name, as an information (as Istio's).
    const editor = await openInEditor(workload);
    const line = positionOf(editor.document, '  name: legacy').line;
    const ds = await diagnosticsUntil(
      workload,
      (x) => x.some((d) => codeOf(d) === 'IST0102' && d.range.start.line === line),
      'IST0102 on "name: legacy" (the namespace has no injection label)',
    );
    const d = ds.find((x) => codeOf(x) === 'IST0102')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.match(d.message, /namespace legacy is not enabled for sidecar injection/);
  });

  it('keeps a file that is right against the cluster free of errors', async () => {
    await openInEditor(good);
    // The subsets file is checked by then (same cluster state); this one must have no error.
    await diagnosticsUntil(subsets, (x) => x.some((d) => codeOf(d) === 'IST0173'), 'the cluster checks');
    const bad = errors(istioDiagnostics(good));
    assert.equal(bad.length, 0, describeDiagnostics(bad));
  });

  it('turns no diagnostic into a false error while the API server is gone, and recovers by itself', async () => {
    const doc = await vscode.workspace.openTextDocument(subsets);
    await diagnosticsUntil(subsets, (x) => x.some(isSubsetError(doc)), 'IST0173 before the server goes');
    const before = new Set(files().flatMap((u) => errors(istioDiagnostics(u)).map((d) => key(u, d))));

    // The server goes: its port closes and every connection (the watches) is cut.
    await cluster.control('POST', '/refuse');
    // Give the editor time to notice (the watches break at once; the status goes unreachable), and
    // check at every diagnostics change that no error appears that was not there before.
    const seen: string[] = [];
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      for (const u of e.uris) {
        if (!files().some((f) => f.toString() === u.toString())) continue;
        for (const d of errors(istioDiagnostics(u))) if (!before.has(key(u, d))) seen.push(key(u, d));
      }
    });
    try {
      await new Promise((r) => setTimeout(r, 8000));
    } finally {
      sub.dispose();
    }
    const now = files().flatMap((u) => errors(istioDiagnostics(u)).map((d) => key(u, d)));
    assert.deepEqual(
      [...seen, ...now.filter((k) => !before.has(k))],
      [],
      'errors that appeared while the API server was unreachable',
    );
    assert.deepEqual(errors(istioDiagnostics(good)), [], 'the good file stays free of errors');

    // The server comes back with the same state: the editor reconnects by itself (backoff ≤ 30 s)
    // and the cluster-based finding is an error again.
    await cluster.control('POST', '/accept');
    await diagnosticsUntil(
      subsets,
      (x) => x.some(isSubsetError(doc)),
      'IST0173 again after the API server came back',
      90_000,
    );
    const state = (await cluster.control('GET', '/state')) as { watches: number };
    assert.ok(state.watches > 0, 'the editor watches the server again');

    // The watches really resumed: a pod label changed with kubectl reaches the diagnostics.
    const pod = 'sleep-6d68f49858-xq7vb'; // the seed's sleep pod in legacy
    const label = await kubectl(cluster, ['label', 'pod', pod, '-n', 'legacy', 'version=v2']);
    assert.equal(label.status, 0, label.stderr);
    await diagnosticsUntil(
      subsets,
      (x) => !x.some((d) => codeOf(d) === 'IST0173'),
      'IST0173 to go once a pod in legacy has version=v2',
    );
    const unlabel = await kubectl(cluster, ['label', 'pod', pod, '-n', 'legacy', 'version-']);
    assert.equal(unlabel.status, 0, unlabel.stderr);
    await diagnosticsUntil(subsets, (x) => x.some(isSubsetError(doc)), 'IST0173 back once the label is gone');
  });
});
