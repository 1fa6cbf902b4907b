import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_CLUSTER_SETTINGS } from '../../shared/src/protocol';
import { Backoff } from '../../server/src/cluster/backoff';
import { ClusterConnection } from '../../server/src/cluster/connection';
import { MeshConnections, normalizeContexts } from '../../server/src/cluster/mesh';
import { inconsistentServices } from '../../server/src/service/cluster/mesh/ist0170';
import {
  BOOKINFO_SEED,
  kubeconfig,
  startApiServer,
  type ApiServer,
  type KubeObject,
  parseManifests,
} from '../../scripts/apiserver/index.mjs';

const readManifestDir = (dir: string): KubeObject[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseManifests(readFileSync(join(dir, f), 'utf8'), f));
import { tempDir, writeJson } from './harness';

/**
 * Two clusters of one mesh, each its own test API server seeded with bookinfo, read through one
 * connection each (`istio.cluster.contexts`); IST0170 sees both.
 */
describe('multi-cluster: a connection per context', () => {
  let east: ApiServer;
  let west: ApiServer;
  let env: { KUBECONFIG: string; home: string };
  const made: ClusterConnection[] = [];
  const connection = (): ClusterConnection => {
    const c = new ClusterConnection({
      log: () => undefined,
      env,
      timeoutMs: 2000,
      backoff: () => new Backoff(50, 400, 0.2),
      watchSeconds: () => 30,
    });
    made.push(c);
    return c;
  };
  const inputs = { settings: DEFAULT_CLUSTER_SETTINGS, trusted: true, disconnected: false };

  before(async () => {
    [east, west] = await Promise.all([
      startApiServer({ seedDir: BOOKINFO_SEED, watchTimeoutSeconds: 30 }),
      startApiServer({ seedDir: BOOKINFO_SEED, watchTimeoutSeconds: 30 }),
    ]);
    const dir = tempDir();
    env = {
      KUBECONFIG: [
        writeJson(dir, 'east', kubeconfig(east, 'east')),
        writeJson(dir, 'west', kubeconfig(west, 'west')),
      ].join(delimiter),
      home: '/nonexistent',
    };
  });
  after(async () => {
    await Promise.all(made.map((c) => c.stop()));
    await Promise.all([east?.stop(), west?.stop()]);
  });

  const until = async (pred: () => boolean, what: string): Promise<void> => {
    const deadline = Date.now() + 20_000;
    while (!pred()) {
      assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  test('the setting is normalised: trimmed, no blanks or repeats', () => {
    assert.deepEqual(normalizeContexts([' east', 'west', '', 'east', 3, null]), ['east', 'west']);
    assert.deepEqual(normalizeContexts('east'), []);
  });

  test('each context is read; a Service that differs between the clusters is IST0170', async () => {
    const primary = connection();
    primary.update(inputs); // current-context: east, the first file's
    const mesh = new MeshConnections(primary, connection);
    await mesh.update(['east', 'west'], inputs);
    await until(
      () =>
        primary.store.state('Service') === 'synced' &&
        mesh.connection('west')?.store.state('Service') === 'synced',
      'both clusters synced',
    );
    mesh.rebuild();
    assert.deepEqual(
      mesh.view.clusters().map(([c, v]) => [c, v.context]),
      [
        ['east', 'east'],
        ['west', 'west'],
      ],
      'the primary is reused for its own context; west has its own connection',
    );
    assert.deepEqual(inconsistentServices(mesh.view), [], 'the same seed in both clusters');

    // In west, the reviews Service gets another port, through the API server.
    const reviews = readManifestDir(BOOKINFO_SEED).find(
      (o) => o.kind === 'Service' && o.metadata.namespace === 'bookinfo' && o.metadata.name === 'reviews',
    ) as (KubeObject & { spec: { ports: { port: number }[] } }) | undefined;
    assert.ok(reviews, 'the seed has bookinfo/reviews');
    west.apply({
      ...reviews,
      spec: { ...reviews.spec, ports: [{ ...reviews.spec.ports[0], port: 9081 }] },
    });
    await until(() => inconsistentServices(mesh.view).length > 0, 'IST0170 through the watch');
    const f = inconsistentServices(mesh.view);
    assert.deepEqual(
      f.map((x) => [x.code, x.namespace, x.name, x.clusters]),
      [['IST0170', 'bookinfo', 'reviews', ['east', 'west']]],
    );
  });

  test('fewer than two contexts, or an untrusted workspace: no extra connection', async () => {
    const primary = connection();
    const mesh = new MeshConnections(primary, connection);
    await mesh.update(['west'], inputs);
    assert.equal(mesh.connection('west'), undefined);
    assert.equal(mesh.view.size, 0);
    await mesh.update(['east', 'west'], { ...inputs, trusted: false });
    assert.equal(mesh.connection('west'), undefined);
    assert.equal(mesh.view.size, 0);
    await mesh.stop();
  });
});
