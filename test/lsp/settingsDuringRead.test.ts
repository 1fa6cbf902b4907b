import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { startWorkspaceServer, type WorkspaceServer } from './client';

// A setting that changes while the workspace is still being read (here istio.workspace.exclude)
// applies to that read, not only to the next one. The client holds the server's progress request
// until it has sent the change, so the change always arrives during the first read.
//
// kept/ has VirtualServices for hosts h-0…h-59, one each. generated/ has a second VirtualService
// for each of those hosts: read, it would make every host conflict (IST0109); excluded, nothing does.

const HOSTS = 60;
let dir: string;
let server: WorkspaceServer;
let exclude: string[] = [];
let creates = 0;
let ends = 0;
let secondEnd!: () => void;
const secondRead = new Promise<void>((resolve) => (secondEnd = resolve));
const uri = (name: string): string => pathToFileURL(join(dir, name)).toString();

const vs = (name: string, host: string): string =>
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  hosts: [${host}]\n  http:\n  - route:\n    - destination: {host: ${host}}\n`;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'istio-during-read-'));
  mkdirSync(join(dir, 'kept'));
  mkdirSync(join(dir, 'generated'));
  for (let i = 0; i < HOSTS; i++) {
    writeFileSync(join(dir, 'kept', `vs-${i}.yaml`), vs(`kept-${i}`, `h-${i}`));
    writeFileSync(join(dir, 'generated', `vs-${i}.yaml`), vs(`copy-${i}`, `h-${i}`));
  }
  server = await startWorkspaceServer(dir, {
    configuration: (section) => (section === 'istio' ? { workspace: { exclude } } : null),
    capabilities: {
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        diagnostics: { refreshSupport: true },
      },
      textDocument: { diagnostic: {} },
    },
    onProgressCreate: async (connection) => {
      // The first read has read its settings and is about to list the files: change them now.
      if (++creates > 1) return;
      exclude = ['generated/**'];
      await connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    },
    onProgress: (v) => {
      if (v.kind === 'end' && ++ends === 2) secondEnd();
    },
  });
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('an exclude setting changed during the first read applies to it: the excluded files are not checked', async () => {
  // Bounded: without a second read, this fails after 30 s.
  await Promise.race([
    secondRead,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('the workspace was not read again after the change')), 30_000),
    ),
  ]);
  const r = await server.connection.sendRequest<{ items: { uri: string; items?: Diagnostic[] }[] }>(
    'workspace/diagnostic',
    { previousResultIds: [] },
  );
  const reported = new Set(r.items.map((i) => i.uri));
  for (let i = 0; i < HOSTS; i++) assert.ok(reported.has(uri(`kept/vs-${i}.yaml`)), `kept/vs-${i}.yaml`);
  const conflicts = r.items.flatMap((i) => (i.items ?? []).filter((d) => d.code === 'IST0109'));
  assert.deepEqual(conflicts, [], 'no VirtualService of generated/ was read');
});
