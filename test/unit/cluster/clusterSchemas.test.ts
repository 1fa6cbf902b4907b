import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../shared/src/protocol';
import { IstioService } from '../../../server/src/service/index';
import { ClusterStore } from '../../../server/src/service/cluster/store';
import { summarize } from '../../../server/src/service/cluster/summarize';
import { SCHEMAS, withCursor } from '../helpers';
import { OLDER_ISTIO, bundledCrd, olderDestinationRuleCrd, olderIstiod } from '../../cluster/olderIstio';

const DR = (apiVersion: string): string => `apiVersion: ${apiVersion}
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

const TE = `apiVersion: extensions.istio.io/v1alpha1
kind: TrafficExtension
metadata:
  name: ext
  namespace: bookinfo
spec: {}
`;

/** A store as the connection fills it once the older Istio's CRDs and istiod were listed. */
function olderCluster(context = 'prod-eu', drVersion = '7'): ClusterStore {
  const store = new ClusterStore(context);
  const crds = [olderDestinationRuleCrd(drVersion), bundledCrd('VirtualService')].map((c) =>
    summarize('CustomResourceDefinition', c),
  );
  store.replace('CustomResourceDefinition', crds);
  store.setState('CustomResourceDefinition', 'synced');
  store.replace('Deployment', [summarize('Deployment', olderIstiod())]);
  store.setState('Deployment', 'synced');
  return store;
}

let n = 0;
function check(s: IstioService, text: string) {
  const uri = `file:///cluster/${++n}.yaml`;
  const d = s.diagnostics(s.snapshot(uri, 1, text), DEFAULT_SETTINGS);
  s.close(uri);
  return d;
}
const engine = (): IstioService =>
  new IstioService({ schemasDir: SCHEMAS, log: (m) => assert.fail(`engine logged: ${m}`) });
const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('schemas of the cluster’s Istio version', () => {
  test('without a cluster the bundled 1.30.3 schemas apply: retryBudget and TrafficExtension are fine', () => {
    const s = engine();
    assert.deepEqual(check(s, DR('networking.istio.io/v1')), []);
    assert.ok(!check(s, TE).some((d) => d.code === 'unknown-kind'), 'TrafficExtension is a bundled kind');
  });

  test('a field the cluster’s Istio does not know is an error naming the version and the cluster', () => {
    const s = engine();
    s.useCluster(olderCluster());
    const d = check(s, DR('networking.istio.io/v1beta1'));
    assert.equal(d.length, 1, JSON.stringify(d));
    assert.equal(d[0].code, 'unknown-field');
    assert.equal(d[0].severity, 1);
    assert.equal(d[0].range.start.line, 8, 'on the retryBudget key');
    assert.match(
      d[0].message,
      new RegExp(`not supported by Istio ${OLDER_ISTIO.replace(/\./g, '\\.')} in cluster prod-eu`),
    );
    assert.match(d[0].message, /Istio 1\.30\.3, bundled, has it/);
  });

  test('a version the cluster does not serve says so, and offers one it serves', () => {
    const s = engine();
    s.useCluster(olderCluster());
    const d = check(s, DR('networking.istio.io/v1'));
    assert.equal(d.length, 1, JSON.stringify(d));
    assert.equal(d[0].code, 'unserved-version');
    assert.equal(d[0].range.start.line, 0);
    assert.match(
      d[0].message,
      /not served at networking\.istio\.io\/v1 by Istio 1\.21\.6 in cluster prod-eu/,
    );
    assert.match(d[0].message, /networking\.istio\.io\/v1alpha3, networking\.istio\.io\/v1beta1/);
  });

  test('a kind the cluster does not serve says so', () => {
    const s = engine();
    s.useCluster(olderCluster());
    const d = check(s, TE);
    assert.equal(d.length, 1, JSON.stringify(d));
    assert.equal(d[0].code, 'unknown-kind');
    assert.equal(d[0].range.start.line, 1);
    assert.match(d[0].message, /TrafficExtension .* is not served by Istio 1\.21\.6 in cluster prod-eu/);
  });

  test('CEL rules of the cluster’s CRD still apply', () => {
    const s = engine();
    s.useCluster(olderCluster());
    // The older DestinationRule CRD keeps the rule on outlierDetection.interval.
    const d = check(
      s,
      DR('networking.istio.io/v1beta1').replace(
        '    retryBudget:\n      percent: 20\n',
        '    outlierDetection:\n      interval: 0s\n',
      ),
    );
    assert.deepEqual(
      d.map((x) => [x.code, x.range.start.line]),
      [['cel-rule', 9]],
    );
    // The rule's own message, as the CRD states it.
    assert.match(d[0].message, /must be a valid duration greater than 1ms/);
  });

  test('until the CRDs are listed, or when a stale copy lacks the kind, the bundled schemas apply', () => {
    const s = engine();
    const store = new ClusterStore('prod-eu');
    store.setState('CustomResourceDefinition', 'syncing');
    s.useCluster(store);
    assert.deepEqual(check(s, DR('networking.istio.io/v1')), []);
    store.setState('CustomResourceDefinition', 'stale');
    assert.deepEqual(
      check(s, DR('networking.istio.io/v1')),
      [],
      'a stale copy without the CRD proves nothing',
    );
    store.setState('CustomResourceDefinition', 'forbidden');
    assert.deepEqual(check(s, DR('networking.istio.io/v1')), []);
  });

  test('compiled once per CRD resourceVersion; a new resourceVersion replaces the old entry', async () => {
    const s = engine();
    const store = olderCluster('prod-eu', '7');
    s.useCluster(store);
    check(s, DR('networking.istio.io/v1beta1'));
    check(s, DR('networking.istio.io/v1beta1').replace('reviews', 'ratings'));
    assert.equal(s.clusterSchemas.compiledCount, 1);
    // The same CRD read again at the same resourceVersion (a re-list) keeps the compiled schema.
    store.upsert(summarize('CustomResourceDefinition', olderDestinationRuleCrd('7')));
    await flush();
    check(s, DR('networking.istio.io/v1beta1'));
    assert.equal(s.clusterSchemas.compiledCount, 1);
    // The cluster is upgraded: the CRD now has retryBudget, at a new resourceVersion.
    const upgraded = bundledCrd('DestinationRule', '8');
    store.upsert(summarize('CustomResourceDefinition', upgraded));
    await flush();
    assert.equal(s.clusterSchemas.compiledCount, 0, 'the old resourceVersion is dropped');
    assert.deepEqual(check(s, DR('networking.istio.io/v1')), []);
    assert.equal(s.clusterSchemas.compiledCount, 1);
  });

  test('an open document is checked again when the cluster’s CRDs change', async () => {
    const s = engine();
    const store = new ClusterStore('prod-eu');
    s.useCluster(store);
    const file = s.snapshot('file:///cluster/open.yaml', 1, DR('networking.istio.io/v1beta1'));
    assert.deepEqual(s.diagnostics(file, DEFAULT_SETTINGS), []);
    store.replace('CustomResourceDefinition', [
      summarize('CustomResourceDefinition', olderDestinationRuleCrd()),
    ]);
    store.setState('CustomResourceDefinition', 'synced');
    await flush();
    assert.deepEqual(
      s.diagnostics(file, DEFAULT_SETTINGS).map((d) => d.code),
      ['unknown-field'],
    );
    s.useCluster(undefined);
    assert.deepEqual(s.diagnostics(file, DEFAULT_SETTINGS), []);
  });

  test('the version falls back to the CRDs’ version label when no istiod is seen', () => {
    const s = engine();
    const store = new ClusterStore('prod-eu');
    const crd = olderDestinationRuleCrd();
    (crd.metadata as { labels: Record<string, string> }).labels['app.kubernetes.io/version'] = '1.21.2';
    store.replace('CustomResourceDefinition', [summarize('CustomResourceDefinition', crd)]);
    store.setState('CustomResourceDefinition', 'synced');
    s.useCluster(store);
    assert.match(check(s, DR('networking.istio.io/v1beta1'))[0].message, /Istio 1\.21\.2 in cluster prod-eu/);
  });

  test('hover says which Istio version the docs describe and which schemas validate', () => {
    const s = engine();
    const hoverOf = (marked: string): string => {
      const { text, position } = withCursor(marked);
      const h = s.hover(s.snapshot(`file:///cluster/h${++n}.yaml`, 1, text), position);
      const c = h?.contents;
      return c && typeof c === 'object' && 'value' in c ? c.value : '';
    };
    const kindHover = `apiVersion: networking.istio.io/v1beta1\nkind: Destination|Rule\nspec: {}\n`;
    assert.match(hoverOf(kindHover), /Docs and schemas of Istio 1\.30\.3 \(bundled\)/);
    s.useCluster(olderCluster());
    assert.match(
      hoverOf(kindHover),
      /Docs of Istio 1\.30\.3 \(bundled\) · validated with the CRDs of Istio 1\.21\.6 in cluster prod-eu/,
    );
    const host = hoverOf(
      `apiVersion: networking.istio.io/v1beta1\nkind: DestinationRule\nspec:\n  ho|st: reviews\n`,
    );
    assert.match(host, /validated with the CRDs of Istio 1\.21\.6 in cluster prod-eu/);
    // Inside a field the cluster lacks (the diagnostic is on `retryBudget`'s key), hover says so.
    const percent = hoverOf(
      `apiVersion: networking.istio.io/v1beta1\nkind: DestinationRule\nspec:\n  trafficPolicy:\n    retryBudget:\n      perc|ent: 20\n`,
    );
    assert.match(percent, /This field is \*\*not supported by Istio 1\.21\.6 in cluster prod-eu\*\*/);
    assert.doesNotMatch(host, /not supported/);
  });
});
