import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ClusterStore } from '../../../server/src/service/cluster/store';
import { summarize } from '../../../server/src/service/cluster/summarize';
import { inconsistentServices } from '../../../server/src/service/cluster/mesh/ist0170';
import { MeshView } from '../../../server/src/service/cluster/mesh/meshView';
import { IstioService } from '../../../server/src/service/index';
import { DEFAULT_SETTINGS } from '../../../shared/src/protocol';
import { SCHEMAS } from '../helpers';

type Spec = Record<string, unknown>;

const svc = (name: string, spec: Spec, namespace = 'bookinfo'): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace, resourceVersion: '1' },
  spec,
});

const REVIEWS: Spec = {
  type: 'ClusterIP',
  selector: { app: 'reviews' },
  ports: [{ name: 'http', port: 9080, protocol: 'TCP', targetPort: 9080 }],
};

/** A cluster whose Services were listed, as the connection leaves it. */
function cluster(
  context: string,
  services: Record<string, unknown>[],
  state: 'synced' | 'stale' = 'synced',
): ClusterStore {
  const store = new ClusterStore(context);
  store.replace(
    'Service',
    services.map((s) => summarize('Service', s)),
  );
  store.setState('Service', state);
  return store;
}

function mesh(...stores: ClusterStore[]): MeshView {
  const m = new MeshView();
  for (const s of stores) m.set(s.context ?? '', s);
  return m;
}

describe('IST0170 MultiClusterInconsistentService', () => {
  describe('valid', () => {
    test('the same Service in both clusters', () => {
      assert.deepEqual(
        inconsistentServices(
          mesh(cluster('east', [svc('reviews', REVIEWS)]), cluster('west', [svc('reviews', REVIEWS)])),
        ),
        [],
      );
    });
    test('ports in another order, and another selector, are the same service', () => {
      const two = (ports: Spec[]): Spec => ({ ...REVIEWS, ports });
      const a = { name: 'http', port: 9080, protocol: 'TCP' };
      const b = { name: 'grpc', port: 9090, protocol: 'TCP' };
      assert.deepEqual(
        inconsistentServices(
          mesh(
            cluster('east', [svc('reviews', two([a, b]))]),
            cluster('west', [svc('reviews', { ...two([b, a]), selector: { app: 'reviews', v: '2' } })]),
          ),
        ),
        [],
      );
    });
    test('a Service in one cluster only, or the same name in another namespace', () => {
      assert.deepEqual(
        inconsistentServices(
          mesh(
            cluster('east', [svc('reviews', REVIEWS), svc('ratings', REVIEWS)]),
            cluster('west', [svc('reviews', { ...REVIEWS, type: 'NodePort' }, 'other')]),
          ),
        ),
        [],
      );
    });
    test('a cluster whose Services are not synced is left out (no false warning)', () => {
      assert.deepEqual(
        inconsistentServices(
          mesh(
            cluster('east', [svc('reviews', REVIEWS)]),
            cluster('west', [svc('reviews', { ...REVIEWS, type: 'NodePort' })], 'stale'),
          ),
        ),
        [],
      );
    });
    test('one cluster is no mesh-wide finding', () => {
      assert.deepEqual(inconsistentServices(mesh(cluster('east', [svc('reviews', REVIEWS)]))), []);
    });
  });

  describe('invalid', () => {
    test('ports differ', () => {
      const f = inconsistentServices(
        mesh(
          cluster('east', [svc('reviews', REVIEWS)]),
          cluster('west', [
            svc('reviews', {
              ...REVIEWS,
              ports: [{ name: 'http', port: 9081, protocol: 'TCP', targetPort: 9080 }],
            }),
          ]),
        ),
      );
      assert.equal(f.length, 1);
      assert.equal(f[0].code, 'IST0170');
      assert.equal(f[0].severity, 'warning');
      assert.deepEqual([f[0].namespace, f[0].name, f[0].clusters], ['bookinfo', 'reviews', ['east', 'west']]);
      assert.match(f[0].message, /ports http:9080\/TCP→9080 in east, http:9081\/TCP→9080 in west/);
    });
    test('a port protocol or target port differs', () => {
      for (const port of [
        { name: 'http', port: 9080, protocol: 'UDP', targetPort: 9080 },
        { name: 'http', port: 9080, protocol: 'TCP', targetPort: 8080 },
        { name: 'http', port: 9080, protocol: 'TCP', targetPort: 9080, appProtocol: 'http2' },
        { name: 'web', port: 9080, protocol: 'TCP', targetPort: 9080 },
      ]) {
        const f = inconsistentServices(
          mesh(
            cluster('east', [svc('reviews', REVIEWS)]),
            cluster('west', [svc('reviews', { ...REVIEWS, ports: [port] })]),
          ),
        );
        assert.equal(f.length, 1, JSON.stringify(port));
      }
    });
    test('the type differs', () => {
      const f = inconsistentServices(
        mesh(
          cluster('east', [svc('reviews', REVIEWS)]),
          cluster('west', [svc('reviews', { ...REVIEWS, type: 'NodePort' })]),
        ),
      );
      assert.equal(f.length, 1);
      assert.match(f[0].message, /type ClusterIP in east, NodePort in west/);
    });
    test('headless in one cluster only: every cluster is involved', () => {
      const f = inconsistentServices(
        mesh(
          cluster('east', [svc('reviews', REVIEWS)]),
          cluster('west', [svc('reviews', { ...REVIEWS, clusterIP: 'None' })]),
          cluster('north', [svc('reviews', REVIEWS)]),
        ),
      );
      assert.equal(f.length, 1);
      assert.deepEqual(f[0].clusters, ['east', 'north', 'west']);
      assert.match(f[0].message, /headless in west but not in east, north/);
    });
    test('one finding per Service, bounded', () => {
      const many = Array.from({ length: 50 }, (_, i) => svc(`s${i}`, REVIEWS));
      const other = Array.from({ length: 50 }, (_, i) => svc(`s${i}`, { ...REVIEWS, type: 'NodePort' }));
      const m = mesh(cluster('east', many), cluster('west', other));
      assert.equal(inconsistentServices(m).length, 50);
      assert.equal(inconsistentServices(m, 10).length, 10);
    });
  });
});

describe('IST0170 in the editor', () => {
  test('shown on the name of the workspace Service with that namespace and name, and nowhere else', () => {
    const s = new IstioService({ schemasDir: SCHEMAS, log: (m) => assert.fail(m) });
    s.useMesh(
      mesh(
        cluster('east', [svc('reviews', REVIEWS)]),
        cluster('west', [svc('reviews', { ...REVIEWS, type: 'NodePort' })]),
      ),
    );
    const text = [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: ratings',
      '  namespace: bookinfo',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: reviews',
      '  namespace: bookinfo',
      'spec:',
      '  ports: [{port: 9080}]',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: reviews, namespace: other}',
      '',
    ].join('\n');
    const d = s.workspaceDiagnostics(s.snapshot('file:///ws/svc.yaml', 1, text), DEFAULT_SETTINGS);
    assert.deepEqual(
      d.map((x) => [x.code, x.severity, x.range.start.line, x.range.start.character, x.source]),
      [['IST0170', 2, 9, 8, 'istio']],
    );
    assert.match(
      d[0].message,
      /Service reviews in namespace bookinfo is not the same in clusters east, west/,
    );
    assert.match(
      d[0].codeDescription?.href ?? '',
      /docs\/rules\.md#ist0170$/,
      'links to its entry in docs/rules.md',
    );
    s.useMesh(undefined);
    assert.deepEqual(
      s.workspaceDiagnostics(s.snapshot('file:///ws/svc.yaml', 2, text), DEFAULT_SETTINGS),
      [],
    );
  });
});
