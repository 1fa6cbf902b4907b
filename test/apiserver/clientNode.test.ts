// Conformance: @kubernetes/client-node 1.4.0, unchanged, against the test API server: typed and
// custom-object list/get, watch with resourceVersion and bookmarks, an informer that re-lists
// after 410 Gone, and both the bearer-token and the client-certificate user of the kubeconfig.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { CTX, type Running, SEED, startServer } from './helpers';

function config(r: Running, context: string): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(r.kubeconfig);
  kc.setCurrentContext(context);
  return kc;
}

/** Resolves when `pred` holds after one of the events `on` registers for; rejects after `ms`. */
function until(
  register: (check: () => void) => void,
  pred: () => boolean,
  what: string,
  ms = 20_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    const check = () => {
      if (pred()) {
        clearTimeout(timer);
        resolve();
      }
    };
    register(check);
    check();
  });
}

const podNames = (l: k8s.V1PodList) => l.items.map((p) => p.metadata?.name ?? '').sort();

describe('@kubernetes/client-node 1.4.0 against the test API server', () => {
  let r: Running;
  before(async () => {
    r = await startServer({ seedDir: SEED, bookmarkIntervalMs: 200 });
  });
  after(async () => r && (await r.stop()));

  test('CoreV1Api list and get with the token user and the client-certificate user', async () => {
    for (const ctx of [CTX.token, CTX.cert]) {
      const core = config(r, ctx).makeApiClient(k8s.CoreV1Api);
      const ns = await core.readNamespace({ name: 'bookinfo' });
      assert.equal(ns.metadata?.labels?.['istio-injection'], 'enabled', ctx);
      const pods = await core.listNamespacedPod({
        namespace: 'bookinfo',
        labelSelector: 'app=reviews,version notin (v1)',
      });
      assert.deepEqual(podNames(pods), ['reviews-v2-5b7c6f4d8c-9zl2d', 'reviews-v3-5f7c7b5b8d-2rjqk'], ctx);
      assert.match(pods.metadata?.resourceVersion ?? '', /^\d+$/);
      const all = await core.listPodForAllNamespaces({ fieldSelector: 'metadata.namespace=istio-system' });
      assert.deepEqual(
        podNames(all),
        ['istio-ingressgateway-5c9f6b8c4d-7xk2p', 'istiod-7c9d8b6f5d-h4k2p'],
        ctx,
      );
      const sa = await core.listNamespacedServiceAccount({ namespace: 'bookinfo' });
      assert.ok(sa.items.some((s) => s.metadata?.name === 'bookinfo-reviews'));
    }
    const apps = config(r, CTX.token).makeApiClient(k8s.AppsV1Api);
    const istiod = await apps.readNamespacedDeployment({ name: 'istiod', namespace: 'istio-system' });
    assert.equal(istiod.spec?.template.spec?.containers[0].image, 'docker.io/istio/pilot:1.30.3');
  });

  test('a wrong token is refused with 401, a forbidden kind with 403', async () => {
    const kc = config(r, CTX.token);
    kc.users[0] = { ...kc.users[0], token: 'wrong' };
    const core = kc.makeApiClient(k8s.CoreV1Api);
    await assert.rejects(core.listNamespace(), (e: { code?: number }) => e.code === 401);
    r.server.setFaults({ forbid: [{ group: '', resource: 'secrets' }] });
    try {
      const ok = config(r, CTX.cert).makeApiClient(k8s.CoreV1Api);
      await assert.rejects(
        ok.listSecretForAllNamespaces(),
        (e: { code?: number; body?: string }) =>
          e.code === 403 && /secrets is forbidden/.test(String(e.body)),
      );
      assert.ok((await ok.listConfigMapForAllNamespaces()).items.length > 0);
    } finally {
      r.server.clearFaults();
    }
  });

  test('CustomObjectsApi list and get at each served version', async () => {
    const co = config(r, CTX.token).makeApiClient(k8s.CustomObjectsApi);
    const list = (await co.listNamespacedCustomObject({
      group: 'networking.istio.io',
      version: 'v1beta1',
      namespace: 'bookinfo',
      plural: 'virtualservices',
    })) as {
      kind: string;
      items: { apiVersion: string; metadata: { name: string } }[];
    };
    assert.equal(list.kind, 'VirtualServiceList');
    assert.deepEqual(list.items.map((i) => i.metadata.name).sort(), ['bookinfo', 'reviews']);
    assert.ok(list.items.every((i) => i.apiVersion === 'networking.istio.io/v1beta1'));
    const dr = (await co.getNamespacedCustomObject({
      group: 'networking.istio.io',
      version: 'v1',
      namespace: 'bookinfo',
      plural: 'destinationrules',
      name: 'reviews',
    })) as {
      spec: { subsets: { name: string }[] };
    };
    assert.deepEqual(
      dr.spec.subsets.map((s) => s.name),
      ['v1', 'v2', 'v3'],
    );
    const crd = await config(r, CTX.token)
      .makeApiClient(k8s.ApiextensionsV1Api)
      .readCustomResourceDefinition({ name: 'virtualservices.networking.istio.io' });
    assert.deepEqual(
      crd.spec.versions
        .filter((v) => v.served)
        .map((v) => v.name)
        .sort(),
      ['v1', 'v1alpha3', 'v1beta1'],
    );
    const gw = (await co.listClusterCustomObject({
      group: 'gateway.networking.k8s.io',
      version: 'v1',
      plural: 'gateways',
    })) as { kind: string };
    assert.equal(gw.kind, 'GatewayList');
  });

  test('watch from a resourceVersion gets later changes only, and bookmarks', async () => {
    const core = config(r, CTX.token).makeApiClient(k8s.CoreV1Api);
    const list = await core.listNamespacedConfigMap({ namespace: 'bookinfo' });
    const rv = list.metadata?.resourceVersion ?? '';
    r.server.apply({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'after-list', namespace: 'bookinfo' },
      data: { a: '1' },
    });
    const events: { type: string; name?: string; rv?: string }[] = [];
    let notify = () => {};
    const watch = new k8s.Watch(config(r, CTX.token));
    const req = await watch.watch(
      '/api/v1/namespaces/bookinfo/configmaps',
      { resourceVersion: rv, allowWatchBookmarks: true },
      (type: string, obj: k8s.V1ConfigMap) => {
        events.push({ type, name: obj.metadata?.name, rv: obj.metadata?.resourceVersion });
        notify();
      },
      () => notify(),
    );
    try {
      await until(
        (c) => (notify = c),
        () => events.some((e) => e.type === 'BOOKMARK') && events.some((e) => e.name === 'after-list'),
        'the change and a bookmark',
      );
      const added = events.filter((e) => e.type === 'ADDED');
      assert.deepEqual(
        added.map((e) => e.name),
        ['after-list'],
        'objects listed before the resourceVersion are not sent again',
      );
      const bm = events.find((e) => e.type === 'BOOKMARK');
      assert.ok(
        Number(bm?.rv) >= Number(added[0].rv),
        'a bookmark carries a resourceVersion no older than the events before it',
      );
    } finally {
      req.abort();
    }
  });

  test('watch from a compacted resourceVersion gets an ERROR event with 410', async () => {
    const core = config(r, CTX.token).makeApiClient(k8s.CoreV1Api);
    const rv = (await core.listNamespacedPod({ namespace: 'bookinfo' })).metadata?.resourceVersion ?? '';
    r.server.apply({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'compacted', namespace: 'bookinfo' },
    });
    r.server.compact();
    const got: { type: string; obj: { code?: number; reason?: string; message?: string } }[] = [];
    let notify = () => {};
    let done = false;
    const watch = new k8s.Watch(config(r, CTX.token));
    await watch.watch(
      '/api/v1/namespaces/bookinfo/pods',
      { resourceVersion: rv },
      (type: string, obj: { code?: number }) => {
        got.push({ type, obj });
        notify();
      },
      () => {
        done = true;
        notify();
      },
    );
    await until(
      (c) => (notify = c),
      () => done,
      'the watch to end',
    );
    assert.equal(got.length, 1);
    assert.equal(got[0].type, 'ERROR');
    assert.equal(got[0].obj.code, 410);
    assert.equal(got[0].obj.reason, 'Expired');
    assert.match(got[0].obj.message ?? '', /^too old resource version: \d+ \(\d+\)$/);
  });

  test('an informer lists, watches, and re-lists after 410 Gone', async () => {
    const kc = config(r, CTX.cert);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const informer = k8s.makeInformer(kc, '/api/v1/namespaces/bookinfo/pods', () =>
      core.listNamespacedPod({ namespace: 'bookinfo' }),
    );
    const seen = new Map<string, k8s.V1Pod>();
    let notify = () => {};
    const errors: unknown[] = [];
    informer.on('add', (p) => (seen.set(p.metadata?.name ?? '', p), notify()));
    informer.on('update', (p) => (seen.set(p.metadata?.name ?? '', p), notify()));
    informer.on('delete', (p) => (seen.delete(p.metadata?.name ?? ''), notify()));
    informer.on('error', (e) => (errors.push(e), notify()));
    await informer.start();
    try {
      await until(
        (c) => (notify = c),
        () => seen.size === 6,
        'the initial list',
      );
      // A change arrives over the watch.
      r.server.apply({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'reviews-v4-0', namespace: 'bookinfo', labels: { app: 'reviews', version: 'v4' } },
        spec: { containers: [{ name: 'c', image: 'i' }] },
      });
      await until(
        (c) => (notify = c),
        () => seen.has('reviews-v4-0'),
        'the added pod',
      );
      // The watch ends (as at its timeout) and the next watch from the informer's resourceVersion
      // gets 410 Gone: the informer lists again, then watches from the new list's resourceVersion.
      const requests: string[] = [];
      r.server.options.log = (line) => (requests.push(line), notify());
      r.server.setFaults({ expireNextWatch: 1 });
      r.server.endWatches();
      const relist = /^GET \/api\/v1\/namespaces\/bookinfo\/pods$/;
      const watchAgain = /^GET \/api\/v1\/namespaces\/bookinfo\/pods\?.*watch=true/;
      await until(
        (c) => (notify = c),
        () =>
          requests.findIndex((l) => relist.test(l)) >= 0 &&
          requests.some((l, i) => watchAgain.test(l) && i > requests.findIndex((x) => relist.test(x))),
        'a re-list and a new watch',
      );
      assert.equal(
        r.server.faults.expireNextWatch,
        0,
        'the informer watched from its resourceVersion and got 410',
      );
      assert.ok(
        watchAgain.test(requests[0]),
        `first the watch from the old resourceVersion: ${requests.join(', ')}`,
      );
      assert.deepEqual(errors, []);
      r.server.options.log = undefined;
      // And it watches again after the re-list.
      r.server.apply({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'reviews-v5-0', namespace: 'bookinfo', labels: { app: 'reviews' } },
        spec: { containers: [{ name: 'c', image: 'i' }] },
      });
      await until(
        (c) => (notify = c),
        () => seen.has('reviews-v5-0'),
        'a pod added after the re-list',
      );
    } finally {
      await informer.stop();
    }
  });
});
