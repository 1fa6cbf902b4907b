// The demo cluster `npm start` ships: the test API server (scripts/apiserver) seeded with a small
// bookinfo cluster, its kubeconfig in the run folder (never ~/.kube), and the editor settings that
// point the extension at it.
//   - istio.cluster.kubeconfig is machine-scoped, so it goes into code-server's machine settings
//     (the Remote tab); user or workspace settings could not set it.
//   - That setting is the last place the extension looks (after KUBECONFIG and ~/.kube/config).
//     When this user has either, the demo would be shadowed by their own cluster, so the editor is
//     started with KUBECONFIG set to the demo's kubeconfig as well; their files are never touched.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDemoCluster } from '../../apiserver/index.mjs';

/** The context name, which the extension's cluster status item shows. */
export const DEMO_CONTEXT = 'demo cluster';

/** Whether KUBECONFIG or ~/.kube/config would win over istio.cluster.kubeconfig. */
export function ownKubeconfig(env = process.env, home = os.homedir()) {
  if (env.KUBECONFIG) return 'KUBECONFIG';
  if (home && fs.existsSync(path.join(home, '.kube', 'config'))) return '~/.kube/config';
  return undefined;
}

/**
 * Starts the demo cluster in `dir` (a folder of the run). Returns the cluster, the machine
 * settings and the extra environment for code-server, and a stop function.
 */
export async function startEditorDemoCluster({ dir, log = () => {} }) {
  const demo = await startDemoCluster({ runDir: dir, name: DEMO_CONTEXT });
  const own = ownKubeconfig();
  if (own) log(`your ${own} is set: the editor gets KUBECONFIG=${demo.kubeconfigPath} instead (the demo)`);
  return {
    ...demo,
    context: DEMO_CONTEXT,
    machineSettings: { 'istio.cluster.kubeconfig': demo.kubeconfigPath },
    env: own ? { KUBECONFIG: demo.kubeconfigPath } : {},
  };
}
