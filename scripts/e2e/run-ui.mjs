#!/usr/bin/env node
// Runs the UI test (test/ui/*.test.ts, node's test runner + playwright-core) against a real
// VS Code: code-server with the extension loaded and a fresh copy of samples/ open.
//   npm run test:ui                      screenshots in .artifacts/ui-*/screenshots
//   npm run test:ui -- --update-docs     also refreshes docs/diagnostic-hover.png, docs/completion.png
//                                        and docs/install.png
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { ROOT, SAMPLES_DIR, CHROMIUM } from './lib/paths.mjs';
import { ensureToolchain, checkChromium } from './lib/toolchain.mjs';
import { buildExtension } from './lib/build.mjs';
import { createRunDir, freePort } from './lib/run-dir.mjs';
import { startCodeServer, workbenchUrl, tail } from './lib/code-server.mjs';
import { onCleanup, killGroup, stopGroup } from './lib/proc.mjs';

const TIMEOUT_MS = Number(process.env.ISTIO_E2E_TIMEOUT_MS ?? 5 * 60_000);
const log = (msg) => process.stderr.write(`[ui] ${msg}\n`);

async function main() {
  const t0 = Date.now();
  await ensureToolchain();
  checkChromium();
  await buildExtension();
  const run = createRunDir('ui');
  log(`run folder ${path.relative(ROOT, run.dir)}`);
  fs.cpSync(SAMPLES_DIR, run.workspace, { recursive: true });

  // The extension host (a child of code-server) finds the fake istioctl and kubectl first on PATH;
  // they record every call in the run folder (test/fakes/lib/fake.js).
  // The extension host gets them through the workbench's extensionEnvironment (code-server builds
  // the extension host's environment itself, so the runner's own PATH does not reach it).
  const fakeLog = path.join(run.dir, 'fake-calls.jsonl');
  const extensionEnvironment = {
    PATH: `${path.join(ROOT, 'test', 'fakes', 'bin')}${path.delimiter}${process.env.PATH}`,
    ISTIO_FAKE_LOG: fakeLog,
    ISTIO_FAKE_MODE: '',
  };

  let server;
  try {
    server = await startCodeServer({ run, port: Number(process.env.ISTIO_E2E_PORT) || (await freePort()) });
    const url = workbenchUrl({
      port: server.port,
      folder: run.workspace,
      extensionDevelopmentPath: ROOT,
      extensionEnvironment,
    });
    const tests = fs
      .readdirSync(path.join(ROOT, 'test', 'ui'))
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => path.join('test', 'ui', f));
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...tests], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true, // its own group: the browser goes with it on timeout
      env: {
        ...process.env,
        ISTIO_E2E_URL: url,
        ISTIO_E2E_WORKSPACE: run.workspace,
        ISTIO_E2E_RUN_DIR: run.dir,
        ISTIO_E2E_SCREENSHOTS: run.screenshots,
        ISTIO_E2E_FAKE_LOG: fakeLog,
        ISTIO_E2E_DOCS_DIR: process.argv.includes('--update-docs') ? path.join(ROOT, 'docs') : '',
        CHROMIUM_PATH: CHROMIUM,
        TMPDIR: run.tmp,
      },
    });
    onCleanup(() => killGroup(child.pid, 'SIGKILL'));
    let timer;
    const code = await new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS);
      child.on('exit', (c, s) => resolve(c ?? s));
    });
    clearTimeout(timer);
    await stopGroup(child.pid, 2000);

    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    const shots = fs.readdirSync(run.screenshots).sort();
    if (code === 0) {
      log(
        `passed in ${seconds}s. Screenshots: ${path.relative(ROOT, run.screenshots)}/ (${shots.join(', ')})`,
      );
      return 0;
    }
    const why = code === 'timeout' ? `did not finish within ${TIMEOUT_MS / 1000}s` : `exit ${code}`;
    log(
      `FAILED (${why}) after ${seconds}s.\n` +
        `  screenshots:     ${run.screenshots} (${shots.join(', ') || 'none'})\n` +
        `  code-server log: ${run.log}\n` +
        `  VS Code logs:    ${path.join(run.userData, 'logs')}\n` +
        `--- tail of code-server log ---\n${tail(run.log, 20)}`,
    );
    return 1;
  } catch (err) {
    log(`FAILED: ${err.stack ?? err}\n  run folder: ${run.dir}\n  code-server log: ${run.log}`);
    return 1;
  } finally {
    await server?.stop();
  }
}

process.exitCode = await main();
