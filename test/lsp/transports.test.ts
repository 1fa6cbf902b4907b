import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { startServer } from './client';

test('the server speaks LSP over --node-ipc too', async () => {
  const client = await startServer('ipc');
  try {
    const uri = 'file:///ipc.yaml';
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri,
        languageId: 'yaml',
        version: 1,
        text: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: a}\nspec:\n  mtls: {mode: STRCT}\n',
      },
    });
    const r = await client.connection.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', {
      textDocument: { uri },
    });
    assert.deepEqual(
      r.items.map((d) => [d.code, d.range.start.line]),
      [['invalid-enum', 4]],
    );
  } finally {
    await client.close();
  }
});

test('the server announces its status with the Istio version', async () => {
  const client = await startServer('stdio');
  try {
    const status = await new Promise<{ state: string; istioVersion: string }>((resolve) => {
      client.connection.onNotification('istio/serverStatus', resolve);
    });
    assert.deepEqual([status.state, status.istioVersion], ['ready', '1.30.3']);
  } finally {
    await client.close();
  }
});
