import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type {
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  Hover,
  CodeAction,
} from 'vscode-languageserver-types';
import { startServer, type TestClient } from './client';

const URI = 'file:///work/reviews.yaml';
const TEXT = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - route:
    - destination:
        host: reviews
      wieght: 90
`;

let client: TestClient;

before(async () => {
  client = await startServer('stdio');
  await client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT },
  });
});

after(async () => {
  await client.close();
});

async function pull(uri = URI): Promise<Diagnostic[]> {
  const r = await client.connection.sendRequest<{ kind: string; items: Diagnostic[] }>(
    'textDocument/diagnostic',
    {
      textDocument: { uri },
    },
  );
  assert.equal(r.kind, 'full');
  return r.items;
}

test('pull diagnostics after open', async () => {
  const items = await pull();
  assert.deepEqual(
    items.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character, d.source]),
    [
      ['unknown-field', 10, 6, 12, 'istio'],
      // No Service "reviews" is in the workspace and no cluster is connected: unknown, said quietly.
      ['unresolved-reference', 9, 14, 21, 'istio'],
    ],
  );
});

test('an incremental change fixes the typo and the diagnostic goes away', async () => {
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: URI, version: 2 },
    contentChanges: [
      { range: { start: { line: 10, character: 6 }, end: { line: 10, character: 12 } }, text: 'weight' },
    ],
  });
  assert.deepEqual(
    (await pull()).map((d) => d.code),
    ['unresolved-reference'],
  );
});

test('hover returns markdown for a field', async () => {
  const h = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
    textDocument: { uri: URI },
    position: { line: 9, character: 9 },
  });
  const value = (h?.contents as { value: string } | undefined)?.value ?? '';
  assert.match(value, /\*\*host\*\*/);
  assert.match(value, /required/);
});

test('completion lists keys of the map at the cursor', async () => {
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: URI, version: 3 },
    contentChanges: [
      { range: { start: { line: 11, character: 0 }, end: { line: 11, character: 0 } }, text: '    \n' },
    ],
  });
  const items = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', {
    textDocument: { uri: URI },
    position: { line: 11, character: 4 },
  });
  const labels = items.map((i) => i.label);
  assert.ok(labels.includes('timeout') && labels.includes('retries'), labels.join());
});

test('document symbols name each resource', async () => {
  const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', {
    textDocument: { uri: URI },
  });
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['VirtualService reviews'],
  );
});

test('code actions carry the quick fixes of a diagnostic', async () => {
  const uri = 'file:///work/fix.yaml';
  await client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'yaml', version: 1, text: TEXT },
  });
  const [d] = await pull(uri);
  const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: d.range,
    context: { diagnostics: [d] },
  });
  const rename = actions.find((a) => a.title === "Rename 'wieght' to 'weight'");
  assert.ok(rename, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(rename.isPreferred, true);
  assert.deepEqual(rename.edit?.changes?.[uri], [
    { range: { start: { line: 10, character: 6 }, end: { line: 10, character: 12 } }, newText: 'weight' },
  ]);
});

test('the server keeps answering after hostile input', async () => {
  const uri = 'file:///work/junk.yaml';
  let junk =
    'apiVersion: networking.istio.io/v1\nkind: VirtualService\nspec:\n  a: ' + '['.repeat(20000) + '\n';
  for (let i = 0; i < 2000; i++) junk += String.fromCharCode(i % 256);
  await client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'yaml', version: 1, text: junk },
  });
  const items = await pull(uri);
  assert.ok(items.length >= 1);
  await client.connection.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: { line: 3, character: 5 },
  });
  await client.connection.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: { line: 3, character: 5 },
  });
  // A request for a document that was never opened is answered too.
  assert.deepEqual(await pull('file:///work/never-opened.yaml'), []);
  assert.equal(client.process.exitCode, null);
  const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', {
    textDocument: { uri: URI },
  });
  assert.equal(symbols.length, 1);
});

test('closing a document is handled', async () => {
  await client.connection.sendNotification('textDocument/didClose', {
    textDocument: { uri: 'file:///work/fix.yaml' },
  });
  assert.deepEqual(await pull('file:///work/fix.yaml'), []);
});
