import {
  createConnection,
  ProposedFeatures,
  TextDocumentSyncKind,
  DidChangeConfigurationNotification,
  type ClientCapabilities,
} from 'vscode-languageserver/node';
import { ServerStatusNotification, type IstioSettings, type ServerStatus } from '../../shared/src/protocol';
import { versionedDocuments } from './handlers/cancellation';
import { registerFeatures } from './handlers/features';
import { registerIstioRequests } from './handlers/istioRequests';
import { kindsSummary } from './service/features/resources';
import { WorkspaceFeature } from './handlers/workspace';
import { IstioService } from './service/index';
import { findSchemasDir } from './service/schema/catalog';
import { readSettings } from './settings';
import { attachCluster } from './cluster/lsp';
import { ClusterSource } from './service/cluster/source';

/** Finds the generated schemas: beside dist/ when bundled, or at the repository root. */
const schemasDir = (): string => findSchemasDir(__dirname);

// Transport (--stdio or --node-ipc) is chosen by vscode-languageserver from the command line.
const connection = createConnection(ProposedFeatures.all);
const log = (message: string): void => connection.console.error(message);
const documents = versionedDocuments(log);

process.on('uncaughtException', (err) => log(`uncaught: ${err.stack ?? err.message}`));
process.on('unhandledRejection', (err) => log(`unhandled rejection: ${String(err)}`));

let service: IstioService | undefined;
let canAskConfiguration = false;
let clientCapabilities: ClientCapabilities | undefined;
const settingsCache = new Map<string, Promise<IstioSettings>>();

connection.onInitialize((params) => {
  canAskConfiguration = !!params.capabilities.workspace?.configuration;
  clientCapabilities = params.capabilities;
  workspace.setFolders(
    params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []),
  );
  try {
    service = new IstioService({ schemasDir: schemasDir(), log });
    // The live cluster is one more source for the workspace resolver; workspace files override it.
    service.workspace.addSource(new ClusterSource(cluster.view));
  } catch (err) {
    log(`cannot load schemas: ${String(err)}`);
  }
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: [':', ' ', '-'] },
      documentSymbolProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      inlayHintProvider: true,
      diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: true },
    },
    serverInfo: { name: 'istio-authoring', version: service?.istioVersion },
  };
});

connection.onInitialized(() => {
  if (canAskConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'istio' });
  }
  const status: ServerStatus = service
    ? {
        state: 'ready',
        istioVersion: service.istioVersion,
        kinds: kindsSummary(service.catalog).crdKinds,
        kindsText: kindsSummary(service.catalog).text,
      }
    : {
        state: 'error',
        istioVersion: '',
        kinds: 0,
        message: 'The schemas could not be loaded; see the Istio output channel.',
      };
  void connection.sendNotification(ServerStatusNotification, status);
  // Compile the core kinds' schemas while the user is still opening files.
  if (service) warmUp(service);
  // Documents are validated with the cluster's own CRDs once they are read (bundled schemas until then).
  service?.useCluster(cluster.view);
  service?.useMesh(cluster.mesh);
  void workspace.start();
});

function warmUp(s: IstioService): void {
  const kinds: [string, string, string][] = [
    ['networking.istio.io', 'v1', 'VirtualService'],
    ['networking.istio.io', 'v1', 'DestinationRule'],
    ['security.istio.io', 'v1', 'PeerAuthentication'],
    ['security.istio.io', 'v1', 'AuthorizationPolicy'],
  ];
  const next = (): void => {
    const k = kinds.shift();
    if (!k) return;
    try {
      s.warm(...k);
    } catch (err) {
      log(`warm-up of ${k.join('/')} failed: ${String(err)}`);
    }
    setImmediate(next);
  };
  setImmediate(next);
}

// The live cluster (server/src/cluster/): connects once the client reports workspace trust.
const cluster = attachCluster(connection, {
  log,
  canAskConfiguration: () => canAskConfiguration,
  // A cluster change re-runs the checks that read it (keyed on the store's revision) and asks the
  // client to pull again; the workspace report's waiters wake too.
  onChange: () => workspace.changed(),
});
connection.onShutdown(() => cluster.stop());

connection.onDidChangeConfiguration(() => {
  cluster.settingsChanged();
  settingsCache.clear();
  void workspace.readAll();
  connection.languages.diagnostics.refresh();
});

const settings = (uri: string): Promise<IstioSettings> => {
  let s = settingsCache.get(uri);
  if (!s) {
    s = readSettings(connection, uri, canAskConfiguration);
    settingsCache.set(uri, s);
  }
  return s;
};

documents.onDidClose((e) => {
  service?.close(e.document.uri);
  settingsCache.delete(e.document.uri);
});

const workspace = new WorkspaceFeature({
  connection,
  documents,
  service: () => service,
  settings: (uri) => settings(uri ?? ''),
  log,
});
workspace.register();

registerFeatures({
  connection,
  documents,
  get service(): IstioService {
    if (!service) throw new Error('the Istio schemas are not loaded');
    return service;
  },
  settings,
  log,
  clientCapabilities: () => clientCapabilities,
});

registerIstioRequests({
  connection,
  documents,
  service: (): IstioService => {
    if (!service) throw new Error('the Istio schemas are not loaded');
    return service;
  },
  log,
});

documents.listen(connection);
connection.listen();
