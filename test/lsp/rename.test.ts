import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { CodeAction, Diagnostic, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { ResponseError, type MessageConnection } from 'vscode-jsonrpc/node';
import { startWorkspaceServer, type WorkspaceServer } from './client';

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  gateways: [edge/public]
  http:
  - route:
    - destination: {host: reviews, subset: v2}
`;
const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets: [{name: v1}, {name: v2}]
`;
const GW = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: edge}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*/*"]}]
`;

let dir: string;
let server: WorkspaceServer;
let connection: MessageConnection;
const uri = (name: string): string => pathToFileURL(join(dir, name)).toString();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'istio-rename-'));
  writeFileSync(join(dir, 'vs.yaml'), VS);
  writeFileSync(join(dir, 'dr.yaml'), DR);
  writeFileSync(join(dir, 'gw.yaml'), GW);
  server = await startWorkspaceServer(dir, {
    capabilities: {
      workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
      textDocument: { rename: { prepareSupport: true } },
    },
  });
  connection = server.connection;
  assert.deepEqual(server.initializeResult.capabilities.renameProvider, { prepareProvider: true });
  // Only the VirtualService is open, at version 4; the DestinationRule and Gateway are read from disk.
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: uri('vs.yaml'), languageId: 'yaml', version: 4, text: VS },
  });
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const edits = (e: WorkspaceEdit): [string, number | null, string[]][] =>
  (e.documentChanges as TextDocumentEdit[]).map((c) => [
    c.textDocument.uri,
    c.textDocument.version,
    c.edits.map(
      (x) => `${x.range.start.line}:${x.range.start.character}-${x.range.end.character}=${x.newText}`,
    ),
  ]);

test('prepareRename on a route subset gives its range and name', async () => {
  const r = await connection.sendRequest('textDocument/prepareRename', {
    textDocument: { uri: uri('vs.yaml') },
    position: { line: 8, character: 44 },
  });
  assert.deepEqual(r, {
    range: { start: { line: 8, character: 43 }, end: { line: 8, character: 45 } },
    placeholder: 'v2',
  });
});

test('rename of a subset is one workspace edit: versioned for the open file, unversioned for the closed one', async () => {
  const r = await connection.sendRequest<WorkspaceEdit>('textDocument/rename', {
    textDocument: { uri: uri('vs.yaml') },
    position: { line: 8, character: 44 },
    newName: 'v3',
  });
  assert.deepEqual(
    edits(r).sort((a, b) => a[0].localeCompare(b[0])),
    [
      [uri('dr.yaml'), null, ['5:31-33=v3']],
      [uri('vs.yaml'), 4, ['8:43-45=v3']],
    ],
  );
});

test('rename of a Gateway from a closed file rewrites the ns/name entry of the open one', async () => {
  const r = await connection.sendRequest<WorkspaceEdit>('textDocument/rename', {
    textDocument: { uri: uri('gw.yaml') },
    position: { line: 2, character: 18 },
    newName: 'front',
  });
  assert.deepEqual(
    edits(r).sort((a, b) => a[0].localeCompare(b[0])),
    [
      [uri('gw.yaml'), null, ['2:17-23=front']],
      [uri('vs.yaml'), 4, ['5:18-24=front']],
    ],
  );
});

test('a place that cannot be renamed, and an invalid name, are refused with a message', async () => {
  await assert.rejects(
    connection.sendRequest('textDocument/prepareRename', {
      textDocument: { uri: uri('vs.yaml') },
      position: { line: 1, character: 8 },
    }),
    (err: unknown) =>
      err instanceof ResponseError && /Rename works on a DestinationRule subset/.test(err.message),
  );
  await assert.rejects(
    connection.sendRequest('textDocument/rename', {
      textDocument: { uri: uri('vs.yaml') },
      position: { line: 5, character: 20 },
      newName: 'Front_Door',
    }),
    (err: unknown) =>
      err instanceof ResponseError && /"Front_Door" is not a valid Gateway name/.test(err.message),
  );
});

test('a quick fix on a workspace diagnostic edits the DestinationRule in the closed file', async () => {
  const canary = VS.replace('name: reviews,', 'name: canary,').replace('subset: v2', 'subset: v7');
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: uri('canary.yaml'), languageId: 'yaml', version: 1, text: canary },
  });
  const report = await connection.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', {
    textDocument: { uri: uri('canary.yaml') },
  });
  const d = report.items.find((x) => x.code === 'IST0101' && x.range.start.line === 8);
  assert.ok(d, JSON.stringify(report.items));
  const actions = await connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: uri('canary.yaml') },
    range: d.range,
    context: { diagnostics: [d] },
  });
  const add = actions.find((a) => a.title.startsWith('Add subset "v7"'));
  assert.ok(add, JSON.stringify(actions.map((a) => a.title)));
  assert.deepEqual(edits(add.edit!), [
    [uri('dr.yaml'), null, ['5:34-34=, {name: v7, labels: {version: v7}}']],
  ]);
});
