import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BOOKINFO_SEED, kubeconfig, startApiServer, type ApiServer } from '../../scripts/apiserver/index.mjs';
import {
  ClusterContextsRequest,
  ClusterControlNotification,
  ClusterStatusNotification,
  type ClusterContexts,
  type ClusterStatus,
} from '../../shared/src/protocol';
import { startServer, type TestClient } from '../lsp/client';
import { tempDir, writeJson } from './harness';

// The bundled language server over stdio: nothing connects until the client reports trust; then
// istio/clusterStatus says connected, and a change in the cluster asks the client to pull diagnostics.
let server: ApiServer;
let client: TestClient;
let token = '';
const statuses: ClusterStatus[] = [];
let refreshes = 0;
const waiters: (() => void)[] = [];
const wake = (): void => {
  for (const w of waiters.splice(0)) w();
};
const until = (pred: () => boolean, what: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const t = setTimeout(
      () => reject(new Error(`timed out waiting for ${what}: ${JSON.stringify(statuses.at(-1))}`)),
      20_000,
    );
    const check = (): void => {
      if (pred()) {
        clearTimeout(t);
        resolve();
      } else waiters.push(check);
    };
    check();
  });

before(async () => {
  server = await startApiServer({ seedDir: BOOKINFO_SEED });
  token = server.tokenOf('admin') ?? '';
  const saved = process.env.KUBECONFIG;
  process.env.KUBECONFIG = writeJson(tempDir(), 'kubeconfig', kubeconfig(server, 'lsp'));
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

test('untrusted until the client says so; then connected; a cluster change refreshes diagnostics', async () => {
  await client.connection.sendNotification(ClusterControlNotification, { trusted: false });
  await until(() => statuses.at(-1)?.state === 'untrusted', 'untrusted');
  const none = await client.connection.sendRequest<ClusterContexts>(ClusterContextsRequest);
  assert.equal(none.contexts.length, 0);
  await client.connection.sendNotification(ClusterControlNotification, { trusted: true });
  await until(() => statuses.at(-1)?.state === 'connected', 'connected');
  assert.equal(statuses.at(-1)?.context, 'lsp');
  const ctx = await client.connection.sendRequest<ClusterContexts>(ClusterContextsRequest);
  assert.deepEqual(ctx.contexts.map((c) => c.name).sort(), ['lsp', 'lsp-cert', 'lsp-viewer']);
  assert.equal(ctx.current, 'lsp');
  const before = refreshes;
  server.apply({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'from-the-cluster', labels: { 'istio-injection': 'enabled' } },
  });
  await until(() => refreshes > before, 'workspace/diagnostic/refresh after a cluster change');
  await client.connection.sendNotification(ClusterControlNotification, { trusted: true, disconnected: true });
  await until(() => statuses.at(-1)?.state === 'disabled', 'disconnected');
  const text = JSON.stringify(statuses) + client.logs.join('\n') + client.stderr();
  assert.ok(!text.includes(token), 'the bearer token never reaches the client');
});
