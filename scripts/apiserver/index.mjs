// Entry points of the test API server:
//   startApiServer(options)            -> a started ApiServer (+ kubeconfig and control API with runDir)
//   startDemoCluster({seedDir, runDir, name}) -> { url, kubeconfigPath, controlPath, server, stop } for npm start
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiServer } from './server.mjs';
import { gatewayApiCrds, istioCrds, readManifestDir, seedOrder } from './seed.mjs';
import { writeKubeconfig } from './kubeconfig.mjs';
import { startControl } from './control.mjs';

export { ApiServer } from './server.mjs';
export { parseManifests } from './seed.mjs';
export { kubeconfig } from './kubeconfig.mjs';

export const BOOKINFO_SEED = resolve(dirname(fileURLToPath(import.meta.url)), 'seeds', 'bookinfo');

/**
 * Starts a server. options: everything ApiServer takes, plus
 *   crds (default true): serve the Istio and Gateway API CRDs and their kinds;
 *   crdBundle: path of an Istio CRD bundle (default ../shared/istio/crd-all.gen.yaml, else schemas/);
 *   seedDir: a folder of YAML manifests to load; objects: manifests to load after it;
 *   runDir: where to write kubeconfig and control.json (never ~/.kube); name: cluster/context name.
 */
export async function startApiServer(options = {}) {
  const server = new ApiServer(options);
  const seed = [];
  if (options.crds !== false) seed.push(...istioCrds(options.crdBundle), ...gatewayApiCrds());
  if (options.seedDir) seed.push(...readManifestDir(options.seedDir));
  seed.push(...(options.objects ?? []));
  for (const obj of seedOrder(seed)) {
    try {
      server.apply(obj);
    } catch (e) {
      throw new Error(
        `cannot seed ${obj?.kind ?? '?'} ${obj?.metadata?.namespace ?? ''}/${obj?.metadata?.name ?? '?'}: ${e.message}`,
      );
    }
  }
  await server.start();
  const name = options.name ?? 'test-apiserver';
  if (options.runDir) {
    mkdirSync(options.runDir, { recursive: true });
    server.kubeconfigPath = writeKubeconfig(server, name, join(options.runDir, 'kubeconfig'));
    server.control = await startControl(server);
    server.controlPath = join(options.runDir, 'control.json');
    writeFileSync(
      server.controlPath,
      JSON.stringify({ url: server.control.url, token: server.control.token }),
      { mode: 0o600 },
    );
    const stop = server.stop.bind(server);
    server.stop = async () => {
      await server.control.close();
      await stop();
    };
  }
  return server;
}

/** The `npm start` demo cluster: bookinfo seed, context `name` (default "istio-demo"), kubeconfig in runDir. */
export async function startDemoCluster({ seedDir = BOOKINFO_SEED, runDir, log, name = 'istio-demo' } = {}) {
  if (!runDir) throw new Error('startDemoCluster needs a runDir for its kubeconfig');
  const server = await startApiServer({ seedDir, runDir, name, log });
  return {
    url: server.url,
    kubeconfigPath: server.kubeconfigPath,
    controlPath: server.controlPath,
    server,
    stop: () => server.stop(),
  };
}
