import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BOOKINFO_SEED, kubeconfig, startApiServer, type ApiServer } from '../../scripts/apiserver/index.mjs';
import {
  ClusterControlNotification,
  ClusterStatusNotification,
  type ClusterControl,
  type ClusterStatus,
} from '../../shared/src/protocol';
import { startServer, type TestClient } from '../lsp/client';
import { tempDir, writeJson } from './harness';

// The server's side of "Istio: Select Cluster Context…", "Disconnect Cluster" and "Reconnect", over
// stdio with the bundled language server: what the client sends (istio/clusterControl) and the one
// status line it gets back (istio/clusterStatus).
let server: ApiServer;
let client: TestClient;
const statuses: ClusterStatus[] = [];
const waiters: (() => void)[] = [];
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
const last = (): ClusterStatus | undefined => statuses.at(-1);
const send = (c: ClusterControl): Promise<void> =>
  client.connection.sendNotification(ClusterControlNotification, c);

before(async () => {
  server = await startApiServer({ seedDir: BOOKINFO_SEED });
  const saved = process.env.KUBECONFIG;
  process.env.KUBECONFIG = writeJson(tempDir(), 'kubeconfig', kubeconfig(server, 'ctl'));
  client = await startServer();
  process.env.KUBECONFIG = saved;
  client.connection.onNotification(ClusterStatusNotification, (s: ClusterStatus) => {
    statuses.push(s);
    for (const w of waiters.splice(0)) w();
  });
  client.connection.onRequest('workspace/diagnostic/refresh', () => null);
});
after(async () => {
  await client.close();
  await server.stop();
});

test('select a context, one that points nowhere, disconnect, and reconnect after an outage', async () => {
  await send({ trusted: true });
  await until(
    () => last()?.state === 'connected' && last()?.context === 'ctl',
    'connected to current-context',
  );
  await send({ trusted: true, context: 'ctl-viewer', reconnect: true });
  await until(() => last()?.state === 'connected' && last()?.context === 'ctl-viewer', 'the chosen context');
  await send({ trusted: true, context: 'gone-context' });
  await until(() => last()?.state === 'invalid-kubeconfig', 'a context that is not there');
  assert.match(last()?.message ?? '', /context "gone-context" is not in the kubeconfig/);
  await send({ trusted: true, disconnected: true });
  await until(() => last()?.state === 'disabled', 'disconnected');
  assert.match(last()?.message ?? '', /Disconnected/);
  // Selecting a context again connects again.
  await send({ trusted: true, disconnected: false });
  await until(() => last()?.state === 'connected' && last()?.context === 'ctl', 'connected again');
  // An outage: unreachable; once the server is back, Reconnect connects at once.
  await server.refuseConnections();
  server.dropWatches();
  await until(() => last()?.state === 'unreachable', 'unreachable');
  const n = statuses.length;
  await server.acceptConnections();
  await send({ trusted: true, reconnect: true });
  await until(() => statuses.slice(n).some((s) => s.state === 'connected'), 'reconnected');
  assert.ok(
    statuses.slice(n).some((s) => s.state === 'connecting'),
    'Reconnect started a new connection (not only the watches recovering)',
  );
});
