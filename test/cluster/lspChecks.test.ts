import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { BOOKINFO_SEED, kubeconfig, startApiServer, type ApiServer } from '../../scripts/apiserver/index.mjs';
import {
  ClusterControlNotification,
  ClusterStatusNotification,
  type ClusterStatus,
} from '../../shared/src/protocol';
import { startServer, type TestClient } from '../lsp/client';
import { tempDir, writeJson } from './harness';

// The bundled language server with a cluster: an open DestinationRule's subset is checked against the
// cluster's pods, and a pod relabelled in the cluster asks the client to pull again, which then gets
// the new answer (no polling: the refresh request is the server's own).
let server: ApiServer;
let client: TestClient;
const statuses: ClusterStatus[] = [];
let refreshes = 0;
const waiters: (() => void)[] = [];
const wake = (): void => {
  for (const w of waiters.splice(0)) w();
};
const until = (pred: () => boolean, what: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 20_000);
    const check = (): void => {
      if (pred()) {
        clearTimeout(t);
        resolve();
      } else waiters.push(check);
    };
    check();
  });

const URI = 'file:///lsp-cluster/dr.yaml';
const TEXT = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews-canary, namespace: bookinfo}
spec:
  host: reviews
  subsets:
  - name: v9
    labels: {version: v9}
`;
const pod = (version: string): Parameters<ApiServer['apply']>[0] => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'reviews-canary-0', namespace: 'bookinfo', labels: { app: 'reviews', version } },
  spec: { containers: [{ name: 'reviews', image: 'example/reviews:canary' }] },
  status: { phase: 'Running' },
});

async function pull(): Promise<Diagnostic[]> {
  const r = await client.connection.sendRequest<{ kind: string; items?: Diagnostic[] }>(
    'textDocument/diagnostic',
    {
      textDocument: { uri: URI },
    },
  );
  return r.items ?? [];
}

before(async () => {
  server = await startApiServer({ seedDir: BOOKINFO_SEED });
  server.apply(pod('v8'));
  const saved = process.env.KUBECONFIG;
  process.env.KUBECONFIG = writeJson(tempDir(), 'kubeconfig', kubeconfig(server, 'demo-eu'));
  client = await startServer();
  process.env.KUBECONFIG = saved;
  client.connection.onNotification(ClusterStatusNotification, (s: ClusterStatus) => {
    statuses.push(s);
    wake();
  });
  client.connection.onRequest('workspace/diagnostic/refresh', () => {
    refreshes++;
    wake();
    return null;
  });
});
after(async () => {
  await client.close();
  await server.stop();
});

test('a subset is checked against the cluster pods, and a pod relabel refreshes it', async () => {
  await client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT },
  });
  const offline = await pull();
  assert.deepEqual(
    offline.map((d) => [d.code, d.severity]),
    [['unresolved-reference', 3]],
  );
  assert.match(offline[0].message, /connect a cluster to check/);

  await client.connection.sendNotification(ClusterControlNotification, { trusted: true });
  await until(() => statuses.at(-1)?.state === 'connected', 'connected');
  // The first lists of the Istio kinds finish after "connected": pull on every refresh until the error shows.
  let d: Diagnostic[] = [];
  for (;;) {
    const seen = refreshes;
    d = await pull();
    if (d.some((x) => x.code === 'IST0173')) break;
    await until(() => refreshes > seen, 'a refresh after the first lists');
  }
  assert.deepEqual(
    d.map((x) => [x.code, x.range.start.line, x.severity, x.message]),
    [['IST0173', 7, 1, 'subset "v9" selects no workload (app=reviews, version=v9)']],
  );
  assert.deepEqual(
    d[0].relatedInformation?.map((r) => r.message),
    ['0 pods in namespace bookinfo match app=reviews, version=v9 (cluster demo-eu)'],
  );
  assert.ok(!d.some((x) => /connect a cluster/.test(x.message)));

  const before = refreshes;
  server.apply(pod('v9'));
  await until(() => refreshes > before, 'workspace/diagnostic/refresh after the relabel');
  assert.deepEqual(await pull(), []);
});
