import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { SERVER } from './client';

// A larger workspace is read in batches (of 50 files), with a workDoneProgress report after each
// (issue 12 §1), and every file ends up in the workspace diagnostics.

const FILES = 120;
let dir: string;
let child: ChildProcess;
let connection: MessageConnection;
const progress: { kind?: string; message?: string }[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'istio-batches-'));
  for (let i = 0; i < FILES; i++) {
    const sub = join(dir, `team-${i % 4}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(
      join(sub, `sa-${i}.yaml`),
      `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa-${i}, namespace: team-${i % 4}}\n`,
    );
  }
  child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  connection = createMessageConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  let ended!: () => void;
  const indexed = new Promise<void>((resolve) => (ended = resolve));
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onUnhandledProgress((p: { value: unknown }) => {
    const v = p.value as { kind?: string; message?: string };
    progress.push(v);
    if (v.kind === 'end') ended();
  });
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).toString(),
    workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'ws' }],
    capabilities: {
      workspace: { configuration: true, diagnostics: { refreshSupport: true } },
      window: { workDoneProgress: true },
      textDocument: { diagnostic: {} },
    },
  });
  await connection.sendNotification('initialized', {});
  await indexed;
});

after(async () => {
  try {
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  } catch {
    // gone
  }
  connection.dispose();
  child.kill();
  rmSync(dir, { recursive: true, force: true });
});

test('120 files are read in batches of 50, each reported, then every file is in the workspace report', async () => {
  assert.deepEqual(
    progress.map((p) => [p.kind, p.message]),
    [
      ['begin', undefined],
      ['report', '50 files'],
      ['report', '100 files'],
      ['report', '120 files'],
      ['end', undefined],
    ],
  );
  const r = await connection.sendRequest<{ items: { uri: string }[] }>('workspace/diagnostic', {
    previousResultIds: [],
  });
  assert.equal(new Set(r.items.map((i) => i.uri)).size, FILES);
});
