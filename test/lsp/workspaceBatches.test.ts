import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { startWorkspaceServer, type WorkspaceServer } from './client';

// A larger workspace is read in batches (of 50 files), with a workDoneProgress report after each
// (issue 12 §1), and every file ends up in the workspace diagnostics.

const FILES = 120;
let dir: string;
let server: WorkspaceServer;
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
  server = await startWorkspaceServer(dir, {
    capabilities: {
      workspace: { configuration: true, diagnostics: { refreshSupport: true } },
      textDocument: { diagnostic: {} },
    },
    onProgress: (v) => progress.push(v),
  });
  connection = server.connection;
});

after(async () => {
  await server.close();
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
