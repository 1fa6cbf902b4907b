import { spawn, fork, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  IPCMessageReader,
  IPCMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

export const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');

export interface TestClient {
  connection: MessageConnection;
  process: ChildProcess;
  stderr: () => string;
  logs: string[];
  close(): Promise<void>;
}

/** Starts dist/server.js over stdio (or node IPC) and completes the initialize handshake. */
export async function startServer(transport: 'stdio' | 'ipc' = 'stdio'): Promise<TestClient> {
  const child =
    transport === 'stdio'
      ? spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] })
      : fork(SERVER, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const connection =
    transport === 'stdio'
      ? createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!))
      : createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const logs: string[] = [];
  connection.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: {} } },
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    process: child,
    stderr: () => err,
    logs,
    close: () => closeServer(connection, child),
  };
}

export interface WorkspaceServerOptions {
  /** Node flags put before the server script (for example `--heapsnapshot-signal=SIGUSR2`). */
  nodeArgs?: string[];
  /** The server's working directory. */
  cwd?: string;
  /** Client capabilities sent in `initialize`; `window.workDoneProgress` is always added. */
  capabilities: Record<string, unknown>;
  /** The answer to one `workspace/configuration` item (null for every section by default). */
  configuration?: (section: string | undefined) => unknown;
  /** Every workDoneProgress value the server reports, in order. */
  onProgress?: (value: { kind?: string; title?: string; message?: string }) => void;
  /** Called on each `workspace/diagnostic/refresh` request. */
  onRefresh?: () => void;
  /** Runs before each `window/workDoneProgress/create` is answered (the server waits for it). */
  onProgressCreate?: (connection: MessageConnection) => Promise<void>;
}

export interface WorkspaceServer {
  connection: MessageConnection;
  process: ChildProcess;
  /** The server's answer to `initialize`. */
  initializeResult: { capabilities: Record<string, unknown> };
  close(): Promise<void>;
}

/**
 * Starts dist/server.js over stdio with `dir` as its one workspace folder, and returns once the
 * server has ended its first workspace read (the end of its workDoneProgress).
 */
export async function startWorkspaceServer(
  dir: string,
  options: WorkspaceServerOptions,
): Promise<WorkspaceServer> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER, '--stdio'], {
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const folder = { uri: pathToFileURL(dir).toString(), name: 'ws' };
  let ended!: () => void;
  const indexed = new Promise<void>((resolve) => (ended = resolve));
  connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
    p.items.map((i) => options.configuration?.(i.section) ?? null),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', async () => {
    await options.onProgressCreate?.(connection);
    return null;
  });
  connection.onRequest('workspace/workspaceFolders', () => [folder]);
  connection.onRequest('workspace/diagnostic/refresh', () => {
    options.onRefresh?.();
    return null;
  });
  connection.onUnhandledProgress((p: { value: unknown }) => {
    const value = p.value as { kind?: string; title?: string; message?: string };
    options.onProgress?.(value);
    if (value.kind === 'end') ended();
  });
  connection.listen();
  const window = (options.capabilities.window as Record<string, unknown> | undefined) ?? {};
  const initializeResult = await connection.sendRequest<WorkspaceServer['initializeResult']>('initialize', {
    processId: process.pid,
    rootUri: folder.uri,
    workspaceFolders: [folder],
    capabilities: { ...options.capabilities, window: { ...window, workDoneProgress: true } },
  });
  await connection.sendNotification('initialized', {});
  await indexed;
  return {
    connection,
    process: child,
    initializeResult,
    close: () => closeServer(connection, child),
  };
}

/** Asks the server to shut down and exit, then makes sure its process is gone. */
async function closeServer(connection: MessageConnection, child: ChildProcess): Promise<void> {
  try {
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  } catch {
    // already gone
  }
  connection.dispose();
  if (child.exitCode === null) {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill();
    });
  }
}
