import type { Connection } from 'vscode-languageserver/node';
import {
  ClusterContextsRequest,
  ClusterControlNotification,
  ClusterStatusNotification,
  type ClusterContexts,
  type ClusterControl,
} from '../../../shared/src/protocol';
import type { ClusterView } from '../service/cluster/types';
import { readClusterSettings } from '../settings';
import { ClusterConnection } from './connection';
import { MeshConnections, normalizeContexts } from './mesh';
import type { MeshView } from '../service/cluster/mesh/meshView';

export interface ClusterHandle {
  readonly view: ClusterView;
  /** Every cluster of `istio.cluster.contexts` (empty with fewer than two), for mesh-wide checks. */
  readonly mesh: MeshView;
  /** Call when `istio.*` configuration changed. */
  settingsChanged(): void;
  stop(): Promise<void>;
}

/**
 * Wires the cluster connection into the language server: the client says whether the workspace is
 * trusted and what the user chose (`istio/clusterControl`), the server answers with
 * `istio/clusterStatus`, and a cluster change asks the client to pull diagnostics again (debounced,
 * well under a second). Until the client has said the workspace is trusted, nothing connects.
 */
export function attachCluster(
  connection: Connection,
  deps: { log(message: string): void; canAskConfiguration(): boolean; onChange(): void },
): ClusterHandle {
  const cluster = new ClusterConnection({
    log: (m) => connection.console.info(m),
    onStatus: (s) => void connection.sendNotification(ClusterStatusNotification, s),
  });
  let timer: NodeJS.Timeout | undefined;
  const changed = (): void => {
    timer ??= setTimeout(() => {
      timer = undefined;
      deps.onChange();
    }, 250);
  };
  const mesh = new MeshConnections(cluster, (context) => {
    const c = new ClusterConnection({ log: (m) => connection.console.info(`[${context}] ${m}`) });
    c.store.onDidChange(changed);
    return c;
  });
  let control: ClusterControl | undefined;
  const apply = async (): Promise<void> => {
    if (!control) return;
    const settings = await readClusterSettings(connection, deps.canAskConfiguration());
    const inputs = { settings, trusted: control.trusted, disconnected: !!control.disconnected };
    cluster.update({ ...inputs, context: control.context });
    await mesh.update(await readMeshContexts(), inputs);
  };
  const readMeshContexts = async (): Promise<string[]> => {
    if (!deps.canAskConfiguration()) return [];
    try {
      return normalizeContexts(await connection.workspace.getConfiguration('istio.cluster.contexts'));
    } catch {
      return [];
    }
  };
  connection.onNotification(ClusterControlNotification, (c: ClusterControl) => {
    const reconnect = c.reconnect;
    control = { ...c, reconnect: false };
    void apply().then(
      () => {
        if (reconnect) cluster.reconnect();
      },
      (err) => deps.log(`cluster: ${String(err)}`),
    );
  });
  connection.onRequest(ClusterContextsRequest, (): ClusterContexts => cluster.contexts());
  cluster.store.onDidChange(() => {
    // The primary's context is known once it connects: the mesh may now include it.
    mesh.rebuild();
    changed();
  });
  return {
    view: cluster.store,
    mesh: mesh.view,
    settingsChanged: () => void apply(),
    stop: () => Promise.all([cluster.stop(), mesh.stop()]).then(() => undefined),
  };
}
