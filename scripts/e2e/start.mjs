#!/usr/bin/env node
// `npm start`: the extension as a user gets it, in a real VS Code (code-server 4.139.1).
//   - first run: installs Node 24 and code-server into the cache (a few minutes), and the Debian
//     packages code-server needs (as root with apt-get; otherwise it prints the command)
//   - packages the extension (npm run package), installs the .vsix, starts code-server without the
//     smoke-test driver (notifications show as toasts), and opens .workspace/samples: a git-ignored
//     working copy of samples/, so your edits never touch the repository
//   npm start -- --reset    replace .workspace/samples with a fresh copy of samples/
//   - ships a demo cluster: the test API server (scripts/apiserver) seeded with a small bookinfo
//     cluster, kubeconfig in the run folder (never ~/.kube), named in code-server's machine
//     settings (istio.cluster.kubeconfig); the cluster status item says "demo cluster"
//   npm start -- --dev      extension-development mode: the extension loads from this checkout
//                           (`npm run watch` + "Developer: Reload Window" pick up changes)
//   npm start -- --no-demo-cluster   no demo cluster: the extension reads your own KUBECONFIG or
//                           ~/.kube/config (README, "Live cluster")
//   PORT=8080 npm start     choose the port (default: a free one); Ctrl+C stops everything
import path from 'node:path';
import { ROOT } from './lib/paths.mjs';
import { ensureToolchain } from './lib/toolchain.mjs';
import { createRunDir, freePort } from './lib/run-dir.mjs';
import { onParentExit } from './lib/proc.mjs';
import { tail } from './lib/code-server.mjs';
import { samplesWorkingCopy, startUserEditor } from './lib/user-editor.mjs';
import { MissingPackagesError } from './lib/system.mjs';
import { startEditorDemoCluster } from './lib/demo-cluster.mjs';

const log = (msg) => process.stderr.write(`[start] ${msg}\n`);
const args = process.argv.slice(2);
const dev = args.includes('--dev');
const reset = args.includes('--reset');
const noDemo = args.includes('--no-demo-cluster');
const unknown = args.filter((a) => !['--dev', '--reset', '--no-demo-cluster'].includes(a));
if (unknown.length) {
  log(
    `unknown option(s) ${unknown.join(' ')}. Use: npm start [-- --dev] [-- --reset] [-- --no-demo-cluster]`,
  );
  process.exit(2);
}

// While it starts: exiting runs the cleanup hooks of lib/proc.mjs (they stop what was started).
const unwatch = onParentExit(() => {
  log('npm exited: stopping');
  process.exit(143);
});

try {
  const t0 = Date.now();
  await ensureToolchain();
  const copy = samplesWorkingCopy({ reset });
  const rel = path.relative(ROOT, copy.folder);
  if (copy.created) log(`${reset ? 'reset' : 'created'} ${rel}, a working copy of samples/`);
  else log(`opening ${rel} (your edits are kept; npm start -- --reset restores it)`);
  const run = createRunDir('start');
  const port = Number(process.env.PORT) || (await freePort());
  const cluster = noDemo
    ? undefined
    : await startEditorDemoCluster({ dir: path.join(run.dir, 'cluster'), log });
  if (cluster)
    log(`demo cluster at ${cluster.url}, kubeconfig ${path.relative(ROOT, cluster.kubeconfigPath)}`);
  const { server, url } = await startUserEditor({
    run,
    port,
    folder: copy.folder,
    dev,
    log,
    ...(cluster ? { machineSettings: cluster.machineSettings, env: cluster.env } : {}),
  });
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  process.stdout.write(
    `\nIstio Authoring in VS Code (code-server${dev ? ', extension-development mode' : ''}), with ${rel} open:\n\n  ${url}\n\n` +
      `Start with mistakes/: each file has one deliberate mistake. This is a copy of samples/;\n` +
      `edits stay in ${rel} (npm start -- --reset restores it).\n` +
      (cluster
        ? `cluster/ is checked against the demo cluster (status item "demo cluster"). kubectl talks to it with\n` +
          `  KUBECONFIG=${cluster.kubeconfigPath} kubectl get pods -n bookinfo\n`
        : '') +
      `code-server log: ${path.relative(ROOT, run.log)}\nPress Ctrl+C to stop.\n`,
  );
  let stopping = false;
  const stop = async (sig) => {
    if (stopping) return;
    stopping = true;
    log(
      `${sig}: stopping code-server (process group ${server.pid})${cluster ? ' and the demo cluster' : ''}`,
    );
    await server.stop();
    await cluster?.stop();
    process.exit(0);
  };
  // These replace the default exit-on-signal; the cleanup hooks of lib/proc.mjs still run on exit.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  unwatch();
  onParentExit(() => void stop('npm exited'));
  const exited = await server.exited;
  if (stopping) await new Promise(() => {}); // stop() exits the process
  log(`code-server exited (${exited.code ?? exited.signal}). Log ${run.log}:\n${tail(run.log, 20)}`);
  process.exit(1);
} catch (err) {
  log(`failed: ${err instanceof MissingPackagesError ? err.message : (err.stack ?? err)}`);
  process.exit(1);
}
