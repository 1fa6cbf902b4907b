import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../shared/src/protocol';
import { IstioService } from '../../server/src/service/index';
import {
  BOOKINFO_SEED,
  kubeconfig,
  startApiServer,
  type ApiServer,
  type KubeObject,
} from '../../scripts/apiserver/index.mjs';
import { Probe, tempDir, writeJson } from './harness';
import { OLDER_ISTIO, bundledCrd, olderDestinationRuleCrd, olderIstiod } from './olderIstio';

const DR = `apiVersion: networking.istio.io/v1beta1
kind: DestinationRule
metadata:
  name: reviews
  namespace: bookinfo
spec:
  host: reviews
  trafficPolicy:
    retryBudget:
      percent: 20
`;

/**
 * The cluster's own CRDs, read through the real connection from the test API server seeded with an
 * older Istio (see olderIstio.ts), decide what is valid; a CRD upgrade in the cluster reaches an
 * open document through the watch.
 */
describe('cluster schemas through the connection', () => {
  let server: ApiServer;
  let probe: Probe;
  const engine = new IstioService({
    schemasDir: join(__dirname, '..', '..', 'schemas'),
    log: (m) => assert.fail(`engine logged: ${m}`),
  });

  before(async () => {
    server = await startApiServer({
      seedDir: BOOKINFO_SEED,
      watchTimeoutSeconds: 30,
    });
    // The seed's DestinationRules are stored at v1; the older CRD is put in place after them.
    server.apply(olderDestinationRuleCrd() as unknown as KubeObject);
    server.apply(olderIstiod() as unknown as KubeObject);
    server.remove(
      'apiextensions.k8s.io/v1',
      'CustomResourceDefinition',
      undefined,
      'trafficextensions.extensions.istio.io',
    );
    const dir = tempDir();
    probe = new Probe(writeJson(dir, 'kubeconfig', kubeconfig(server, 'prod-eu')));
    probe.start();
    await probe.state('connected');
    await probe.until(
      () =>
        probe.conn.store.state('CustomResourceDefinition') === 'synced' &&
        probe.conn.store.istio().length > 0,
      'CRDs and istiod',
    );
    engine.useCluster(probe.conn.store);
  });
  after(async () => {
    await probe?.stop();
    await server?.stop();
  });

  test('the older cluster rejects a field, a version and a kind it does not know', () => {
    const file = engine.snapshot('file:///c/dr.yaml', 1, DR);
    const d = engine.diagnostics(file, DEFAULT_SETTINGS);
    assert.deepEqual(
      d.map((x) => [x.code, x.range.start.line]),
      [['unknown-field', 8]],
    );
    assert.match(
      d[0].message,
      new RegExp(`not supported by Istio ${OLDER_ISTIO.replace(/\./g, '\\.')} in cluster prod-eu`),
    );
    const v1 = engine.diagnostics(
      engine.snapshot(
        'file:///c/v1.yaml',
        1,
        DR.replace('v1beta1', 'v1').replace(/  trafficPolicy:[^]*$/, ''),
      ),
      DEFAULT_SETTINGS,
    );
    assert.deepEqual(
      v1.map((x) => x.code),
      ['unserved-version'],
    );
    const te = engine.diagnostics(
      engine.snapshot(
        'file:///c/te.yaml',
        1,
        'apiVersion: extensions.istio.io/v1alpha1\nkind: TrafficExtension\nmetadata: {name: t, namespace: bookinfo}\nspec: {}\n',
      ),
      DEFAULT_SETTINGS,
    );
    assert.deepEqual(
      te.map((x) => x.code),
      ['unknown-kind'],
    );
  });

  test('upgrading the CRD in the cluster clears the error; the schema is compiled again once', async () => {
    const file = engine.snapshot('file:///c/dr.yaml', 1, DR);
    const before = probe.conn.store
      .list('CustomResourceDefinition')
      .find((c) => c.crdKind === 'DestinationRule');
    assert.ok(before);
    server.apply(bundledCrd('DestinationRule') as unknown as KubeObject);
    await probe.until(() => {
      const now = probe.conn.store
        .list('CustomResourceDefinition')
        .find((c) => c.crdKind === 'DestinationRule');
      return !!now && now.resourceVersion !== before.resourceVersion;
    }, 'the upgraded CRD through the watch');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(engine.diagnostics(file, DEFAULT_SETTINGS), []);
    const compiled = engine.clusterSchemas.compiledCount;
    engine.diagnostics(
      engine.snapshot('file:///c/dr2.yaml', 1, DR.replace('reviews', 'ratings')),
      DEFAULT_SETTINGS,
    );
    assert.equal(
      engine.clusterSchemas.compiledCount,
      compiled,
      'no second compilation at the same resourceVersion',
    );
  });
});
