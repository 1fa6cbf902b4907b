// node --expose-gc --import tsx scripts/bench/cluster-memory.ts [PODS]
//
// Memory of the cluster state: N pods (realistic objects with an istio-proxy sidecar) served by the
// test API server, listed and watched through the real connection code into the ClusterStore.
// Prints the sync time, the heap held by the store after GC, and the heap the raw pod objects would
// hold, as a ratio.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubeconfig, startApiServer } from '../apiserver/index.mjs';
import { ClusterConnection } from '../../server/src/cluster/connection';
import { DEFAULT_CLUSTER_SETTINGS } from '../../shared/src/protocol';

const N = Number(process.argv[2] ?? 10_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function pod(i: number): Record<string, unknown> {
  const app = `app-${i % 200}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${app}-${i}-7d9f8c6b5-x${i}`,
      namespace: `ns-${i % 50}`,
      labels: {
        app,
        version: `v${i % 3}`,
        'pod-template-hash': '7d9f8c6b5',
        'security.istio.io/tlsMode': 'istio',
      },
      annotations: {
        'sidecar.istio.io/status': JSON.stringify({
          initContainers: ['istio-init'],
          containers: ['istio-proxy'],
          volumes: ['istio-envoy', 'istio-data', 'istio-podinfo', 'istio-token', 'istiod-ca-cert'],
        }),
      },
    },
    spec: {
      serviceAccountName: app,
      nodeName: `node-${i % 40}`,
      containers: [
        {
          name: app,
          image: `registry.example/${app}:1.${i % 9}.0`,
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          resources: { requests: { cpu: '100m', memory: '128Mi' } },
        },
        {
          name: 'istio-proxy',
          image: 'docker.io/istio/proxyv2:1.30.3',
          args: [
            'proxy',
            'sidecar',
            '--domain',
            '$(POD_NAMESPACE).svc.cluster.local',
            '--proxyLogLevel=warning',
            '--proxyComponentLogLevel=misc:error',
            '--log_output_level=default:info',
          ],
          env: Array.from({ length: 20 }, (_, k) => ({
            name: `ISTIO_META_VAR_${k}`,
            value: `value-${k}-${i}`,
          })),
          resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '100m', memory: '128Mi' } },
        },
      ],
    },
    status: { phase: 'Running', podIP: `10.0.${(i >> 8) & 255}.${i & 255}` },
  };
}

async function main(): Promise<void> {
  const objects = Array.from({ length: N }, (_, i) => pod(i));
  const rawJson = JSON.stringify(objects);
  const namespaces = Array.from({ length: 50 }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: `ns-${i}` },
  }));
  const server = await startApiServer({ objects: [...namespaces, ...objects] as never, crds: false });
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const kc = join(dir, 'kubeconfig');
  writeFileSync(kc, JSON.stringify(kubeconfig(server, 'bench')));
  objects.length = 0;
  gc?.();
  const base = process.memoryUsage().heapUsed;
  const conn = new ClusterConnection({ log: () => undefined, env: { KUBECONFIG: kc, home: '/nonexistent' } });
  const t0 = performance.now();
  const status = await conn.connectOnce({
    settings: DEFAULT_CLUSTER_SETTINGS,
    trusted: true,
    disconnected: false,
  });
  const syncMs = performance.now() - t0;
  gc?.();
  const held = process.memoryUsage().heapUsed - base;
  // The same pods as parsed objects, as a client that keeps whole objects would hold them.
  gc?.();
  const b2 = process.memoryUsage().heapUsed;
  const raw = JSON.parse(rawJson) as unknown[];
  gc?.();
  const rawHeld = process.memoryUsage().heapUsed - b2;
  console.log(
    JSON.stringify({
      pods: conn.store.count('Pod'),
      state: status.state,
      syncMs: Math.round(syncMs),
      storeHeapMB: +(held / 2 ** 20).toFixed(1),
      rawObjectsHeapMB: +(rawHeld / 2 ** 20).toFixed(1),
      ratio: +(held / rawHeld).toFixed(3),
      bytesPerPod: Math.round(held / N),
      rawLength: raw.length,
    }),
  );
  await conn.stop();
  await server.stop();
}

void main();
