#!/usr/bin/env node
// `npm start`: the extension in a real VS Code (code-server 4.139.1) with samples/ open.
//   - first run: installs Node 24 and code-server into .cache/e2e (a few minutes), builds the extension
//   - later runs: reuse the cache, ready in seconds
//   - PORT=8080 npm start to choose the port (default: a free one); Ctrl+C stops everything
// The extension loads from this folder (extensionDevelopmentPath), so `npm run watch` and
// "Developer: Reload Window" pick up your changes.
import path from 'node:path';
import { ROOT, SAMPLES_DIR } from './lib/paths.mjs';
import { ensureToolchain } from './lib/toolchain.mjs';
import { buildExtension } from './lib/build.mjs';
import { createRunDir, freePort } from './lib/run-dir.mjs';
import { startCodeServer, workbenchUrl, tail } from './lib/code-server.mjs';

const log = (msg) => process.stderr.write(`[start] ${msg}\n`);

try {
  const t0 = Date.now();
  await ensureToolchain();
  log('building the extension (npm run build)');
  await buildExtension();
  const run = createRunDir('start');
  const port = Number(process.env.PORT) || (await freePort());
  const server = await startCodeServer({ run, port, settings: { 'workbench.startupEditor': 'none' } });
  const url = workbenchUrl({ port, folder: SAMPLES_DIR, extensionDevelopmentPath: ROOT });
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  process.stdout.write(
    `\nIstio Authoring in VS Code (code-server), with samples/ open:\n\n  ${url}\n\n` +
      `Start with samples/mistakes/: each file has one deliberate mistake.\n` +
      `code-server log: ${path.relative(ROOT, run.log)}\nPress Ctrl+C to stop.\n`,
  );
  let stopping = false;
  const stop = async (sig) => {
    if (stopping) return;
    stopping = true;
    log(`${sig}: stopping code-server (process group ${server.pid})`);
    await server.stop();
    process.exit(0);
  };
  // These replace the default exit-on-signal; the cleanup hooks of lib/proc.mjs still run on exit.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const exited = await server.exited;
  if (stopping) await new Promise(() => {}); // stop() exits the process
  log(`code-server exited (${exited.code ?? exited.signal}). Log ${run.log}:\n${tail(run.log, 20)}`);
  process.exit(1);
} catch (err) {
  log(`failed: ${err.stack ?? err}`);
  process.exit(1);
}
