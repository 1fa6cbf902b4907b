import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { startWorkspaceServer, type WorkspaceServer } from './client';

// Issue 12 §1: the index keeps a Secret's name and type; "values are never kept". The server reads a
// workspace with a Secret file that is not open, then writes a heap snapshot (node's
// --heapsnapshot-signal): no value of the Secret may be in the server's memory. V8 keeps at most the
// first 1,024 characters of each string in a snapshot, so every value sits near the top of the file.

const VALUES = {
  data: 'UzNjcjN0LWRhdGEtUXc4ZTF6Cg==',
  plain: 's3cr3t-plain-Kp2vX9',
  quoted: 's3cr3t-quoted-Lm4nB7',
  block: 's3cr3t-block-Zt6yH1',
  flow: 's3cr3t-flow-Rj8wC3',
  applied: 's3cr3t-applied-Gd5qF0',
};

// The Secret, then a Gateway with a misspelt field in the same file: its finding must be where the
// file on disk has it.
const FILE = `apiVersion: v1
kind: Secret
metadata:
  name: tls-creds
  namespace: istio-system
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"apiVersion":"v1","kind":"Secret","stringData":{"k":"${VALUES.applied}"}}'
type: kubernetes.io/tls
data:
  tls.crt: ${VALUES.data}
stringData:
  plain: ${VALUES.plain}
  quoted: "${VALUES.quoted}"
  block: |
    ${VALUES.block}
  flow: {inner: ${VALUES.flow}}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: web, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["*.example.com"]
    tls: {mode: SIMPLE, credentialName: tls-creds, minProtocolVersio: TLSV1_2}
`;

let dir: string;
let snapshots: string;
let server: WorkspaceServer;
const uri = (name: string): string => pathToFileURL(join(dir, name)).toString();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'istio-secret-'));
  snapshots = mkdtempSync(join(tmpdir(), 'istio-heap-'));
  mkdirSync(join(dir, 'certs'));
  writeFileSync(join(dir, 'certs', 'gateway.yaml'), FILE);
  server = await startWorkspaceServer(dir, {
    nodeArgs: ['--heapsnapshot-signal=SIGUSR2'],
    cwd: snapshots,
    capabilities: {
      workspace: { configuration: true, diagnostics: { refreshSupport: true } },
      textDocument: { diagnostic: {} },
    },
  });
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(snapshots, { recursive: true, force: true });
});

test('a file with a Secret that is not open is indexed, and its findings are in place', async () => {
  const r = await server.connection.sendRequest<{ items: { uri: string; items?: Diagnostic[] }[] }>(
    'workspace/diagnostic',
    { previousResultIds: [] },
  );
  const report = r.items.find((i) => i.uri === uri('certs/gateway.yaml'));
  assert.ok(report, 'the file has a workspace report');
  // The unknown field of the Gateway, at the line and column of the file on disk.
  const lines = FILE.split('\n');
  const line = lines.findIndex((l) => l.includes('minProtocolVersio:'));
  const character = lines[line].indexOf('minProtocolVersio');
  const d = report.items?.find((x) => x.message.includes('minProtocolVersio'));
  assert.ok(d, `a finding on minProtocolVersio: ${JSON.stringify(report.items)}`);
  assert.deepEqual(d.range.start, { line, character });
});

test('no value of the Secret is in the server process memory', async () => {
  // Each value is on disk, so a miss below is not a typo in this test.
  const onDisk = readFileSync(join(dir, 'certs', 'gateway.yaml'), 'utf8');
  for (const v of Object.values(VALUES)) assert.ok(onDisk.includes(v), v);
  server.process.kill('SIGUSR2');
  const file = await waitForSnapshot();
  const heap = readFileSync(file, 'utf8');
  // The snapshot holds the server's strings: its own Secret name and type are there.
  assert.ok(heap.includes('tls-creds'), 'the Secret name is in the snapshot');
  assert.ok(heap.includes('kubernetes.io/tls'), 'the Secret type is in the snapshot');
  const leaked = Object.entries(VALUES).filter(([, v]) => heap.includes(v));
  assert.deepEqual(leaked, [], 'Secret values found in the heap snapshot');
});

/** The heap snapshot node writes on SIGUSR2, once it is complete (bounded: 60 s). */
async function waitForSnapshot(): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const name = existsSync(snapshots)
      ? readdirSync(snapshots).find((f) => f.endsWith('.heapsnapshot'))
      : undefined;
    if (name) {
      const path = join(snapshots, name);
      try {
        JSON.parse(readFileSync(path, 'utf8'));
        return path;
      } catch {
        // still being written
      }
    }
    if (Date.now() > deadline) throw new Error('no complete heap snapshot within 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
}
