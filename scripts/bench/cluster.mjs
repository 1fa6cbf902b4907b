#!/usr/bin/env node
// node scripts/bench/cluster.mjs [--runs N] [--changes N] [--pods N] [--services N] [--istio N] [--files N]
// (also a step of `npm run bench`)
//
// The language server (dist/server.js, a fresh process per run) on one generated workspace, with
// and without a cluster: the test API server (scripts/apiserver) serving 10,000 pods, 2,000
// services and 500 Istio resources (defaults), reached through a kubeconfig in a temporary folder.
//   (a) start → the probe DestinationRule's subset finding, the time to "connected", and the
//       server's RSS once settled; with the cluster off (istio.cluster.enabled: off) as the baseline
//   (b) a cluster change → refreshed diagnostics: one pod's labels are changed on the server (so
//       that the probe's subset now matches a pod, then matches none again), and the time until
//       the pulled diagnostics show it is measured; no polling: the server asks for the pull.
// Writes bench/results/cluster.md and cluster.json.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { kubeconfig, startApiServer } from '../apiserver/index.mjs';
import { LspClient } from './lsp.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'bench/results');
const serverJs = process.env.BENCH_SERVER_JS ?? join(root, 'dist/server.js');

function parseArgs(argv) {
  const a = { runs: 3, changes: 10, pods: 10_000, services: 2_000, istio: 500, files: 100 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i].replace(/^--/, '');
    if (!(k in a)) throw new Error(`unknown argument ${argv[i]}`);
    a[k] = Number(argv[++i]);
  }
  return a;
}

const NS = 50;
const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length
    ? s.length % 2
      ? s[(s.length - 1) / 2]
      : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
    : NaN;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ the cluster

function clusterObjects({ pods, services, istio }) {
  const perNs = Math.max(1, Math.round(services / NS));
  const objs = [];
  for (let n = 0; n < NS; n++)
    objs.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: `ns-${n}`, labels: { 'istio-injection': 'enabled' } },
    });
  for (let i = 0; i < services; i++) {
    const ns = `ns-${i % NS}`;
    const app = `app-${Math.floor(i / NS) % perNs}`;
    objs.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: app, namespace: ns, labels: { app } },
      spec: { selector: { app }, ports: [{ name: 'http', port: 8080, targetPort: 8080 }] },
    });
  }
  for (let i = 0; i < pods; i++) objs.push(pod(i, perNs));
  for (let i = 0; i < istio; i++) {
    const ns = `ns-${i % NS}`;
    const app = `app-${Math.floor(i / NS) % perNs}`;
    objs.push(
      i % 2
        ? {
            apiVersion: 'networking.istio.io/v1',
            kind: 'DestinationRule',
            metadata: { name: `${app}-cluster-${i}`, namespace: ns },
            spec: { host: app, subsets: [{ name: 'v1', labels: { version: 'v1' } }] },
          }
        : {
            apiVersion: 'networking.istio.io/v1',
            kind: 'VirtualService',
            metadata: { name: `${app}-cluster-${i}`, namespace: ns },
            spec: {
              hosts: [`${app}-cluster-${i}.example.com`],
              http: [{ route: [{ destination: { host: app } }] }],
            },
          },
    );
  }
  return objs;
}

/** Pod i: namespace ns-(i mod 50), app app-k, version v1..v3, with an istio-proxy sidecar. */
function pod(i, perNs, version) {
  const ns = `ns-${i % NS}`;
  const app = `app-${Math.floor(i / NS) % perNs}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${app}-${i}-7d9f8c6b5-x${i}`,
      namespace: ns,
      labels: { app, version: version ?? `v${1 + (i % 3)}`, 'security.istio.io/tlsMode': 'istio' },
      annotations: { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}' },
    },
    spec: {
      serviceAccountName: app,
      nodeName: `node-${i % 40}`,
      containers: [
        { name: app, image: `registry.example/${app}:1.0.0`, ports: [{ containerPort: 8080 }] },
        { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.30.3', args: ['proxy', 'sidecar'] },
      ],
    },
    status: { phase: 'Running', podIP: `10.0.${(i >> 8) & 255}.${i & 255}` },
  };
}

// ------------------------------------------------------------------ the workspace

/** `files` files, each a DestinationRule (subsets v1, v2) and a VirtualService of one app. */
function writeWorkspace(dir, { files, services }) {
  const perNs = Math.max(1, Math.round(services / NS));
  for (let f = 0; f < files; f++) {
    const ns = `ns-${f % NS}`;
    const app = `app-${Math.floor(f / NS) % perNs}`;
    // The probe (file 0): its subset "canary" selects version=canary, which no pod has at first.
    const extra = f === 0 ? `\n    - name: canary\n      labels:\n        version: canary` : '';
    writeFileSync(
      join(dir, `ws-${f}.yaml`),
      `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  host: ${app}
  subsets:
    - name: v1
      labels:
        version: v1
    - name: v2
      labels:
        version: v2${extra}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  hosts:
    - ${app}
  http:
    - route:
        - destination:
            host: ${app}
            subset: v1
          weight: 90
        - destination:
            host: ${app}
            subset: v2
          weight: 10
`,
    );
  }
  return join(dir, 'ws-0.yaml');
}

// ------------------------------------------------------------------ one session

const CAPABILITIES = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: false },
    workspaceFolders: true,
    diagnostics: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    publishDiagnostics: { relatedInformation: true },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
  },
};

/**
 * The probe's finding that says its checks ran: with the cluster, IST0173 on subset "canary" (only
 * once the pods are synced); without, the quiet note that its host's Service cannot be seen.
 */
const subsetFinding = (items, withCluster) =>
  items.find((d) => d.code === (withCluster ? 'IST0173' : 'unresolved-reference'));

async function session({ withCluster, kubeconfigPath, wsDir, probe, probeText, changes, server, canaryPod }) {
  const refreshWaiters = [];
  const settings = { istio: { cluster: { enabled: withCluster ? 'on' : 'off', kubeconfig: '' } } };
  const section = (name) =>
    (name ?? '')
      .split('.')
      .filter(Boolean)
      .reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), settings) ?? null;
  process.env.KUBECONFIG = kubeconfigPath;
  const t0 = performance.now();
  const client = new LspClient([process.execPath, serverJs, '--stdio'], {
    cwd: root,
    onRequest: (method, params) => {
      if (method === 'workspace/configuration') return params.items.map((i) => section(i.section));
      if (method === 'workspace/diagnostic/refresh') for (const w of refreshWaiters.splice(0)) w();
      return null;
    },
  });
  const rootUri = pathToFileURL(wsDir).href;
  const uri = pathToFileURL(probe).href;
  try {
    const connected = client.waitFor('istio/clusterStatus', (s) => s.state === 'connected', 120_000);
    connected.catch(() => undefined);
    await client.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: CAPABILITIES,
    });
    client.notify('initialized', {});
    client.notify('workspace/didChangeConfiguration', { settings });
    client.notify('istio/clusterControl', { trusted: true, disconnected: false, reconnect: false });
    client.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: probeText },
    });
    let connectedMs;
    if (withCluster) connected.then(() => (connectedMs = performance.now() - t0));
    const pull = async () =>
      (await client.request('textDocument/diagnostic', { textDocument: { uri } }, 60_000)).items ?? [];
    // (a) until the probe shows its subset finding (with the cluster: only once the pods synced).
    const deadline = Date.now() + 180_000;
    let items = [];
    while (!subsetFinding((items = await pull()), withCluster)) {
      if (Date.now() > deadline)
        throw new Error(
          `no subset finding on the probe after 180 s: ${JSON.stringify(items.map((d) => d.code))}`,
        );
      await sleep(20);
    }
    const readyMs = performance.now() - t0;
    if (withCluster) await connected;
    await sleep(2000);
    const mem = client.memory();
    const result = {
      readyMs,
      ...(withCluster ? { connectedMs } : {}),
      rssMiB: mem.rssMiB,
      hwmMiB: mem.hwmMiB,
      probeCodes: items.map((d) => d.code),
    };
    // (b) pod labels changed on the server → diagnostics, alternately fixing and breaking the subset.
    if (withCluster) {
      result.changeMs = [];
      for (let c = 0; c < changes; c++) {
        const fixes = c % 2 === 0;
        const tc = performance.now();
        server.apply(pod(canaryPod.i, canaryPod.perNs, fixes ? 'canary' : undefined));
        for (;;) {
          await new Promise((r, j) => {
            const t = setTimeout(
              () => j(new Error('no diagnostic refresh within 10 s of the change')),
              10_000,
            );
            refreshWaiters.push(() => {
              clearTimeout(t);
              r();
            });
          });
          const now = await pull();
          if (Boolean(subsetFinding(now, true)) !== fixes) break;
        }
        result.changeMs.push(performance.now() - tc);
        await sleep(300);
      }
    }
    return result;
  } finally {
    await client.close();
  }
}

// ------------------------------------------------------------------ main

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const timer = setTimeout(() => {
    console.error('bench:cluster: global deadline reached');
    process.exit(2);
  }, 30 * 60_000);
  timer.unref();
  const dir = mkdtempSync(join(tmpdir(), 'bench-cluster-'));
  const wsDir = join(dir, 'workspace');
  mkdirSync(wsDir);
  const probe = writeWorkspace(wsDir, args);
  const probeText = readFileSync(probe, 'utf8');
  process.stderr.write(
    `cluster: ${args.pods} pods, ${args.services} services, ${args.istio} Istio resources; workspace: ${args.files} files\n`,
  );
  const server = await startApiServer({ objects: clusterObjects(args), crds: true });
  const kc = join(dir, 'kubeconfig');
  writeFileSync(kc, JSON.stringify(kubeconfig(server, 'bench')), { mode: 0o600 });
  const perNs = Math.max(1, Math.round(args.services / NS));
  // A pod of the probe's app (app-0) in ns-0: index 0.
  const canaryPod = { i: 0, perNs };
  const runs = { cluster: [], none: [] };
  try {
    for (let r = 0; r < args.runs; r++) {
      for (const withCluster of [false, true]) {
        const key = withCluster ? 'cluster' : 'none';
        process.stderr.write(`run ${r + 1}/${args.runs} ${key} … `);
        const res = await session({
          withCluster,
          kubeconfigPath: kc,
          wsDir,
          probe,
          probeText,
          changes: args.changes,
          server,
          canaryPod,
        });
        runs[key].push(res);
        process.stderr.write(
          `ready ${res.readyMs.toFixed(0)} ms${res.connectedMs ? `, connected ${res.connectedMs.toFixed(0)} ms` : ''}, ` +
            `rss ${res.rssMiB.toFixed(0)} MiB${res.changeMs ? `, change → diagnostics ${res.changeMs.map((x) => x.toFixed(0)).join('/')} ms` : ''}\n`,
        );
      }
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const m = (key, f) => median(runs[key].map(f));
  const summary = {
    meta: {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      loadavg: loadavg()
        .map((x) => x.toFixed(1))
        .join(' '),
      ...args,
    },
    none: {
      readyMs: m('none', (r) => r.readyMs),
      rssMiB: m('none', (r) => r.rssMiB),
      hwmMiB: m('none', (r) => r.hwmMiB),
    },
    cluster: {
      readyMs: m('cluster', (r) => r.readyMs),
      connectedMs: m('cluster', (r) => r.connectedMs),
      rssMiB: m('cluster', (r) => r.rssMiB),
      hwmMiB: m('cluster', (r) => r.hwmMiB),
      changeMs: median(runs.cluster.flatMap((r) => r.changeMs)),
      changeMaxMs: Math.max(...runs.cluster.flatMap((r) => r.changeMs)),
      changes: runs.cluster.flatMap((r) => r.changeMs).length,
    },
    runs,
  };
  const f1 = (x) => x.toFixed(1);
  const f0 = (x) => x.toFixed(0);
  const md = [
    `# Cluster benchmark`,
    '',
    `${args.pods} pods, ${args.services} services, ${args.istio} Istio resources in the test API server; a workspace of ${args.files} files;`,
    `${args.runs} runs each, medians (${summary.meta.date}, Node ${process.version}, ${cpus().length} CPUs, load ${summary.meta.loadavg}).`,
    '',
    '| metric | no cluster | cluster | cluster / no cluster |',
    '| --- | ---: | ---: | ---: |',
    `| start → probe's subset finding (ms) | ${f0(summary.none.readyMs)} | ${f0(summary.cluster.readyMs)} | ${(summary.cluster.readyMs / summary.none.readyMs).toFixed(2)} |`,
    `| start → cluster connected (synced) (ms) | – | ${f0(summary.cluster.connectedMs)} | |`,
    `| RSS after sync (MiB) | ${f1(summary.none.rssMiB)} | ${f1(summary.cluster.rssMiB)} | ${(summary.cluster.rssMiB / summary.none.rssMiB).toFixed(2)} |`,
    `| peak RSS, VmHWM (MiB) | ${f1(summary.none.hwmMiB)} | ${f1(summary.cluster.hwmMiB)} | ${(summary.cluster.hwmMiB / summary.none.hwmMiB).toFixed(2)} |`,
    `| pod labels changed → diagnostics, median (ms) | – | ${f0(summary.cluster.changeMs)} | |`,
    `| … slowest of ${summary.cluster.changes} (ms) | – | ${f0(summary.cluster.changeMaxMs)} | |`,
    '',
  ].join('\n');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'cluster.md'), md);
  writeFileSync(join(outDir, 'cluster.json'), JSON.stringify(summary, null, 1) + '\n');
  process.stdout.write(md);
  process.stdout.write(`\n(written to ${join(outDir, 'cluster.md')} and cluster.json)\n`);
  process.exit(0);
}

main().catch((e) => {
  console.error(e?.stack ?? e);
  process.exit(1);
});
