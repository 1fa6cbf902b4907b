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

export interface ClusterHandle {
  readonly view: ClusterView;
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
  let control: ClusterControl | undefined;
  const apply = async (): Promise<void> => {
    if (!control) return;
    const settings = await readClusterSettings(connection, deps.canAskConfiguration());
    cluster.update({
      settings,
      trusted: control.trusted,
      context: control.context,
      disconnected: !!control.disconnected,
    });
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
  let timer: NodeJS.Timeout | undefined;
  cluster.store.onDidChange(() => {
    timer ??= setTimeout(() => {
      timer = undefined;
      deps.onChange();
    }, 250);
  });
  return {
    view: cluster.store,
    settingsChanged: () => void apply(),
    stop: () => cluster.stop(),
  };
}
