/**
 * Issue 10, defect 8: $/cancelRequest is honoured, work for superseded versions is dropped, and a
 * didChange with an older version is refused.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { spawn } from 'node:child_process';
import type { ResponseError } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { SERVER, startServer, type TestClient } from './client';

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

/** One JSON-RPC message, framed as LSP sends it. */
const frame = (m: object): string => {
  const body = JSON.stringify({ jsonrpc: '2.0', ...m });
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

test('defect 8: a cancelled request is answered RequestCancelled, not computed', async () => {
  // A raw server, so that each request and its $/cancelRequest reach it in one write, as they do
  // when an editor cancels while the server is busy.
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  // A write that races the kill below fails with EPIPE; that says nothing about the server.
  child.stdin.on('error', () => undefined);
  let out = '';
  const responses = new Map<number, { result?: unknown; error?: { code: number } }>();
  const waiters = new Map<number, () => void>();
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString('utf8');
    for (;;) {
      const m = /^Content-Length: (\d+)\r\n\r\n/.exec(out);
      if (!m || Buffer.byteLength(out) < m[0].length + Number(m[1])) break;
      const body = Buffer.from(out)
        .subarray(m[0].length, m[0].length + Number(m[1]))
        .toString('utf8');
      out = Buffer.from(out)
        .subarray(m[0].length + Number(m[1]))
        .toString('utf8');
      const msg = JSON.parse(body) as {
        id?: number;
        method?: string;
        result?: unknown;
        error?: { code: number };
      };
      // A request from the server (registrations, configuration) is answered, unless the test is
      // over and the server already killed.
      if (msg.method && msg.id !== undefined) {
        if (child.exitCode === null && !child.killed) child.stdin.write(frame({ id: msg.id, result: null }));
      } else if (msg.id !== undefined) {
        responses.set(msg.id, msg);
        waiters.get(msg.id)?.();
      }
    }
  });
  const answer = (id: number): Promise<{ result?: unknown; error?: { code: number } }> =>
    new Promise((resolve) => {
      if (responses.has(id)) resolve(responses.get(id)!);
      else waiters.set(id, () => resolve(responses.get(id)!));
    });
  try {
    child.stdin.write(
      frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }),
    );
    await answer(1);
    child.stdin.write(
      frame({ method: 'initialized', params: {} }) +
        frame({
          method: 'textDocument/didOpen',
          params: { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } },
        }),
    );
    const requests = [
      ['textDocument/diagnostic', { textDocument: { uri: URI } }],
      ['textDocument/hover', { textDocument: { uri: URI }, position: { line: 5, character: 3 } }],
      ['textDocument/completion', { textDocument: { uri: URI }, position: { line: 6, character: 2 } }],
      ['textDocument/documentSymbol', { textDocument: { uri: URI } }],
      [
        'textDocument/inlayHint',
        {
          textDocument: { uri: URI },
          range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } },
        },
      ],
    ] as const;
    let id = 10;
    for (const [method, params] of requests) {
      id++;
      child.stdin.write(frame({ id, method, params }) + frame({ method: '$/cancelRequest', params: { id } }));
      const r = await answer(id);
      assert.equal(
        r.error?.code,
        -32800,
        `${method} was computed although it was cancelled: ${JSON.stringify(r)}`,
      );
    }
    // Not cancelled: answered.
    child.stdin.write(frame({ id: 99, method: 'textDocument/hover', params: requests[1][1] }));
    assert.ok((await answer(99)).result);
  } finally {
    child.kill();
  }
});

test('defect 8: a diagnostics pull overtaken by an edit never answers for the old version', async () => {
  const pending = client.connection.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', {
    textDocument: { uri: URI },
  });
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: URI, version: 6 },
    contentChanges: [{ text: TEXT.replace('bogusField', 'bogusField2') }],
  });
  try {
    // Either it is computed for the newest version …
    const r = await pending;
    const unknown = r.items.filter((d) => d.code === 'unknown-field').map((d) => d.message);
    assert.equal(unknown.length, 1);
    assert.match(unknown[0], /'bogusField2'/);
  } catch (err) {
    // … or dropped, and the client told to ask again.
    const e = err as ResponseError<unknown>;
    assert.equal(e.code, -32802, String(err));
    assert.deepEqual(e.data, { retriggerRequest: true });
  }
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
