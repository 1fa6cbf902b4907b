import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { startWorkspaceServer, type WorkspaceServer } from './client';

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v9}
`;
const DR = (subsets: string): string => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets: [${subsets}]
`;
const SVC =
  'apiVersion: v1\nkind: Service\nmetadata: {name: reviews, namespace: bookinfo}\nspec:\n  ports: [{name: http, port: 80}]\n';

interface Report {
  uri: string;
  kind: 'full' | 'unchanged';
  resultId?: string;
  items?: Diagnostic[];
}

let dir: string;
let server: WorkspaceServer;
let connection: MessageConnection;
let refreshes = 0;
const uri = (name: string): string => pathToFileURL(join(dir, name)).toString();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'istio-ws-'));
  writeFileSync(join(dir, 'vs.yaml'), VS);
  writeFileSync(join(dir, 'dr.yaml'), DR('{name: v1}'));
  writeFileSync(join(dir, 'svc.yaml'), SVC);
  mkdirSync(join(dir, 'excluded'));
  mkdirSync(join(dir, 'node_modules'));
  // Both would conflict with vs.yaml (IST0109) if they were read.
  writeFileSync(join(dir, 'excluded', 'copy.yaml'), VS.replace('name: reviews,', 'name: copy,'));
  writeFileSync(join(dir, 'node_modules', 'copy.yaml'), VS.replace('name: reviews,', 'name: copy2,'));
  server = await startWorkspaceServer(dir, {
    configuration: (section) => (section === 'files.exclude' ? { '**/excluded': true } : null),
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, diagnostics: { refreshSupport: true } },
      textDocument: { diagnostic: {} },
    },
    onRefresh: () => refreshes++,
  });
  connection = server.connection;
  assert.deepEqual(server.initializeResult.capabilities.diagnosticProvider, {
    interFileDependencies: true,
    workspaceDiagnostics: true,
  });
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function workspacePull(previous: Report[] = []): Promise<Map<string, Report>> {
  const r = await connection.sendRequest<{ items: Report[] }>('workspace/diagnostic', {
    previousResultIds: previous.flatMap((p) => (p.resultId ? [{ uri: p.uri, value: p.resultId }] : [])),
  });
  return new Map(r.items.map((i) => [i.uri, i]));
}

let last: Report[] = [];

test('Problems lists a closed file: the subset missing from the DestinationRule on disk, related to it', async () => {
  const reports = await workspacePull();
  last = [...reports.values()];
  const vs = reports.get(uri('vs.yaml'));
  assert.equal(vs?.kind, 'full');
  const d = vs?.items?.find((x) => x.code === 'IST0101');
  assert.equal(d?.range.start.line, 7);
  assert.equal(d?.relatedInformation?.[0].location.uri, uri('dr.yaml'));
  assert.equal(
    vs?.items?.some((x) => x.code === 'IST0109'),
    false,
    'excluded and node_modules files are not read',
  );
  assert.equal(reports.has(uri('excluded/copy.yaml')), false);
});

test('a change on disk reported by the watcher refreshes the dependent file', async () => {
  writeFileSync(join(dir, 'dr.yaml'), DR('{name: v1}, {name: v9}'));
  const before = refreshes;
  const pending = workspacePull(last);
  await connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: uri('dr.yaml'), type: 2 }],
  });
  const reports = await pending;
  const vs = reports.get(uri('vs.yaml'));
  assert.equal(vs?.kind, 'full');
  assert.deepEqual(
    vs?.items?.filter((x) => x.code === 'IST0101'),
    [],
  );
  last = [...reports.values()];
  assert.equal(
    reports.get(uri('svc.yaml'))?.kind,
    'unchanged',
    'files whose diagnostics did not change say so',
  );
  void before;
});

test('an open document overrides the file on disk, and its dependents follow', async () => {
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: uri('dr.yaml'), languageId: 'yaml', version: 1, text: DR('{name: v1}') },
  });
  const reports = await workspacePull(last);
  const vs = reports.get(uri('vs.yaml'));
  assert.equal(vs?.kind, 'full');
  assert.equal(vs?.items?.filter((x) => x.code === 'IST0101').length, 1);
  const doc = await connection.sendRequest<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', {
    textDocument: { uri: uri('dr.yaml') },
  });
  assert.equal(doc.kind, 'full');
  assert.ok(refreshes > 0, 'the server asked the client to pull again');
});

const TYPING = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: typing, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination:
        host: reviews
        subset: 
    - destination:
        host: 
`;

interface Item {
  label: string;
  detail?: string;
}

test('completion offers the index: hosts and subsets, saying which file and line they come from', async () => {
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: uri('typing.yaml'), languageId: 'yaml', version: 1, text: TYPING },
  });
  const hosts = await connection.sendRequest<Item[]>('textDocument/completion', {
    textDocument: { uri: uri('typing.yaml') },
    position: { line: 11, character: 14 },
  });
  assert.deepEqual(
    { label: hosts[0]?.label, detail: hosts[0]?.detail },
    { label: 'reviews', detail: 'Service bookinfo/reviews · svc.yaml:3' },
  );
  const subsets = await connection.sendRequest<Item[]>('textDocument/completion', {
    textDocument: { uri: uri('typing.yaml') },
    position: { line: 9, character: 16 },
  });
  assert.deepEqual(
    subsets.filter((i) => i.label === 'v1').map((i) => i.detail),
    ['subset of DestinationRule bookinfo/reviews · dr.yaml:3'],
    'offered once, from the index',
  );
});

test('hover on a host shows its Service first, then the field docs', async () => {
  const h = await connection.sendRequest<{ contents: { kind: string; value: string } } | null>(
    'textDocument/hover',
    { textDocument: { uri: uri('typing.yaml') }, position: { line: 8, character: 15 } },
  );
  const value = h?.contents.value ?? '';
  assert.ok(value.startsWith('**Service** `bookinfo/reviews` · svc.yaml:3'), value);
  assert.ok(value.includes('\n\n---\n\n**host**'), value);
});

test('a folder created after start-up is read whole: a watcher may miss the files written into it', async () => {
  mkdirSync(join(dir, 'later', 'deeper'), { recursive: true });
  writeFileSync(
    join(dir, 'later', 'dr.yaml'),
    'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: ratings, namespace: later}\nspec:\n  host: ratings\n  subsets: [{name: v1, labels: {version: v1}}]\n',
  );
  writeFileSync(
    join(dir, 'later', 'deeper', 'vs.yaml'),
    'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: ratings, namespace: later}\nspec:\n  hosts: [ratings]\n  http:\n  - route:\n    - destination: {host: ratings, subset: v3}\n',
  );
  // Only the folder's creation is reported, as VS Code reports it when its files were written
  // before the folder was being watched.
  await connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: uri('later'), type: 1 }],
  });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const vs = (await workspacePull()).get(uri('later/deeper/vs.yaml'));
    const subset = vs?.items?.find((x) => x.code === 'IST0101');
    if (subset) {
      assert.equal(subset.range.start.line, 7);
      assert.equal(subset.relatedInformation?.[0].location.uri, uri('later/dr.yaml'));
      break;
    }
    assert.ok(Date.now() < deadline, 'the files of the new folder were not read');
    await new Promise((r) => setTimeout(r, 100));
  }
});
