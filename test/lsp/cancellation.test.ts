/**
 * Issue 10, defect 8: $/cancelRequest is honoured, work for superseded versions is dropped, and a
 * didChange with an older version is refused.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { Diagnostic, Hover } from 'vscode-languageserver-types';
import { startServer, type TestClient } from './client';

const URI = 'file:///work/cancel.yaml';
const TEXT = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  bogusField: 1
`;

let client: TestClient;

before(async () => {
  client = await startServer('stdio');
  await client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: URI, languageId: 'yaml', version: 5, text: TEXT },
  });
});

after(async () => {
  await client.close();
});

async function errorOf(p: Promise<unknown>): Promise<ResponseError<unknown> | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    return err as ResponseError<unknown>;
  }
}

test('defect 8: a cancelled request is answered RequestCancelled, not computed', async () => {
  // While the server is busy with a large file, the request and its cancellation both arrive and wait.
  const busy = 'file:///work/busy.yaml';
  let version = 1;
  await client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: busy, languageId: 'yaml', version, text: TEXT },
  });
  const keepBusy = async (): Promise<unknown> => {
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: busy, version: ++version },
      contentChanges: [{ text: `${TEXT}---\n`.repeat(300).replace(/reviews/g, () => `r${version}`) }],
    });
    return client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: busy } });
  };
  for (const [method, params] of [
    ['textDocument/diagnostic', { textDocument: { uri: URI } }],
    ['textDocument/hover', { textDocument: { uri: URI }, position: { line: 5, character: 3 } }],
    ['textDocument/completion', { textDocument: { uri: URI }, position: { line: 6, character: 2 } }],
    ['textDocument/documentSymbol', { textDocument: { uri: URI } }],
  ] as const) {
    const working = keepBusy();
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest(method, params, source.token);
    source.cancel();
    const err = await errorOf(pending);
    await working;
    assert.ok(err, `${method} was computed although it was cancelled`);
    assert.equal(err.code, -32800, `${method}: ${err.message}`);
  }
  // The server still answers requests that are not cancelled.
  const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
    textDocument: { uri: URI },
    position: { line: 5, character: 3 },
  });
  assert.ok(hover);
});

test('defect 8: a diagnostics pull overtaken by an edit is dropped with ServerCancelled (retrigger)', async () => {
  const pending = client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: URI } });
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: URI, version: 6 },
    contentChanges: [{ text: TEXT.replace('bogusField', 'bogusField2') }],
  });
  const err = await errorOf(pending);
  assert.ok(err, 'the pull for version 5 was answered after version 6 arrived');
  assert.equal(err.code, -32802);
  assert.deepEqual(err.data, { retriggerRequest: true });
});

test('defect 8: a didChange with an older version is refused', async () => {
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: URI, version: 7 },
    contentChanges: [{ text: TEXT.replace('bogusField', 'newest') }],
  });
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: URI, version: 3 },
    contentChanges: [{ text: TEXT.replace('bogusField', 'stale') }],
  });
  const r = await client.connection.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', {
    textDocument: { uri: URI },
  });
  const unknown = r.items.filter((d) => d.code === 'unknown-field');
  assert.equal(unknown.length, 1);
  assert.match(unknown[0].message, /'newest'/);
  assert.ok(
    client.logs.some((l) => /ignored a change .* to version 3/.test(l)),
    client.logs.join('\n'),
  );
});
