#!/usr/bin/env node
// Runs the UI tests (node's test runner + playwright-core) against a real VS Code, in three
// configurations, each with a fresh copy of samples/ open:
//   test/ui/*.test.ts        the extension loaded from this checkout (the test rig)
//   test/ui/user/*.test.ts   the editor `npm start` opens: the .vsix installed, no smoke-test driver
//   test/ui/cluster/*.test.ts the same npm start editor with its demo cluster (the test API server)
//   npm run test:ui                      screenshots in .artifacts/ui-*/screenshots
//   npm run test:ui -- --update-docs     also refreshes the README's pictures in docs/ (*.png)
//   ISTIO_E2E_UI_TESTS=name[,name]       only the test files whose path contains one of the names
//                                        (a configuration with none of them is not started)
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { ROOT, SAMPLES_DIR, CHROMIUM } from './lib/paths.mjs';
import { ensureToolchain, checkChromium } from './lib/toolchain.mjs';
import { MissingPackagesError } from './lib/system.mjs';
import { buildExtension } from './lib/build.mjs';
import { createRunDir, freePort } from './lib/run-dir.mjs';
import { startCodeServer, workbenchUrl, tail } from './lib/code-server.mjs';
import { onCleanup, killGroup, stopGroup } from './lib/proc.mjs';
import { samplesWorkingCopy, startUserEditor } from './lib/user-editor.mjs';
import { startEditorDemoCluster } from './lib/demo-cluster.mjs';

const TIMEOUT_MS = Number(process.env.ISTIO_E2E_TIMEOUT_MS ?? 5 * 60_000);
const log = (msg) => process.stderr.write(`[ui] ${msg}\n`);
const ONLY = (process.env.ISTIO_E2E_UI_TESTS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

/** The *.test.ts files of `testsDir` (relative to ROOT), filtered by ISTIO_E2E_UI_TESTS. */
function testFiles(testsDir) {
  return fs
    .readdirSync(path.join(ROOT, testsDir))
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(testsDir, f))
    .filter((f) => !ONLY.length || ONLY.some((name) => f.includes(name)));
}

/**
 * Runs the *.test.ts files of `testsDir` (node's test runner) against one running workbench.
 * `prepare(run, port)` starts code-server and returns { server, url }.
 */
async function runConfiguration({ name, testsDir, prepare, extraEnv = {} }) {
  const tests = testFiles(testsDir);
  if (!tests.length) {
    log(`${name}: no test file matches ISTIO_E2E_UI_TESTS=${ONLY.join(',')}; not started`);
    return null;
  }
  const t0 = Date.now();
  const run = createRunDir(name);
  log(`${name}: run folder ${path.relative(ROOT, run.dir)}`);
  fs.cpSync(SAMPLES_DIR, run.workspace, { recursive: true });
  const fakeLog = path.join(run.dir, 'fake-calls.jsonl');
  let server;
  try {
    const started = await prepare(run, Number(process.env.ISTIO_E2E_PORT) || (await freePort()), fakeLog);
    server = started.server;
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...tests], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true, // its own group: the browser goes with it on timeout
      env: {
        ...process.env,
        ISTIO_E2E_URL: started.url,
        ISTIO_E2E_WORKSPACE: run.workspace,
        ISTIO_E2E_RUN_DIR: run.dir,
        ISTIO_E2E_SCREENSHOTS: run.screenshots,
        ISTIO_E2E_FAKE_LOG: fakeLog,
        ISTIO_E2E_DOCS_DIR: process.argv.includes('--update-docs') ? path.join(ROOT, 'docs') : '',
        CHROMIUM_PATH: CHROMIUM,
        TMPDIR: run.tmp,
        ...extraEnv,
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
        `${name}: passed in ${seconds}s. Screenshots: ${path.relative(ROOT, run.screenshots)}/ (${shots.join(', ')})`,
      );
      return 0;
    }
    const why = code === 'timeout' ? `did not finish within ${TIMEOUT_MS / 1000}s` : `exit ${code}`;
    log(
      `${name}: FAILED (${why}) after ${seconds}s.\n` +
        `  screenshots:     ${run.screenshots} (${shots.join(', ') || 'none'})\n` +
        `  code-server log: ${run.log}\n` +
        `  VS Code logs:    ${path.join(run.userData, 'logs')}\n` +
        `--- tail of code-server log ---\n${tail(run.log, 20)}`,
    );
    return 1;
  } catch (err) {
    log(`${name}: FAILED: ${err.stack ?? err}\n  run folder: ${run.dir}\n  code-server log: ${run.log}`);
    return 1;
  } finally {
    await server?.stop();
  }
}

async function main() {
  await ensureToolchain();
  checkChromium();
  await buildExtension();

  // 1. The test rig: the extension loaded from this checkout (smoke-test driver on, so the URL
  //    payload can carry extensionDevelopmentPath and the environment with the fakes).
  //    The extension host (a child of code-server) finds the fake istioctl and kubectl first on PATH;
  //    they record every call in the run folder (test/fakes/lib/fake.js). It gets them through the
  //    workbench's extensionEnvironment (code-server builds the extension host's environment itself).
  const rig = await runConfiguration({
    name: 'ui',
    testsDir: path.join('test', 'ui'),
    prepare: async (run, port, fakeLog) => {
      const server = await startCodeServer({ run, port });
      const url = workbenchUrl({
        port: server.port,
        folder: run.workspace,
        extensionDevelopmentPath: ROOT,
        extensionEnvironment: {
          PATH: `${path.join(ROOT, 'test', 'fakes', 'bin')}${path.delimiter}${process.env.PATH}`,
          ISTIO_FAKE_LOG: fakeLog,
          ISTIO_FAKE_MODE: '',
        },
      });
      return { server, url };
    },
  });
  // 2. What `npm start` gives a user: the packaged .vsix installed, no smoke-test driver (so
  //    notifications show as toasts), prepared by the same code as scripts/e2e/start.mjs.
  const user = await runConfiguration({
    name: 'ui-user',
    testsDir: path.join('test', 'ui', 'user'),
    prepare: (run, port) => {
      // The run's own working copy, made by the function npm start uses for .workspace/samples.
      const { folder } = samplesWorkingCopy({ reset: true, target: run.workspace });
      return startUserEditor({ run, port, folder, log });
    },
  });
  // 3. The same npm start editor with its demo cluster, as scripts/e2e/start.mjs ships it.
  const cluster = await runConfiguration({
    name: 'ui-cluster',
    testsDir: path.join('test', 'ui', 'cluster'),
    prepare: async (run, port) => {
      const { folder } = samplesWorkingCopy({ reset: true, target: run.workspace });
      const demo = await startEditorDemoCluster({ dir: path.join(run.dir, 'cluster'), log });
      process.env.ISTIO_E2E_CLUSTER_CONTROL = demo.controlPath;
      try {
        const started = await startUserEditor({
          run,
          port,
          folder,
          log,
          machineSettings: demo.machineSettings,
          env: demo.env,
        });
        const stop = started.server.stop;
        started.server.stop = async () => {
          await stop();
          await demo.stop();
        };
        return started;
      } catch (err) {
        await demo.stop();
        throw err;
      }
    },
  });
  if (rig === null && user === null && cluster === null) {
    log(`no test file matches ISTIO_E2E_UI_TESTS=${ONLY.join(',')}`);
    return 1;
  }
  return (rig ?? 0) || (user ?? 0) || (cluster ?? 0);
}

process.exitCode = await main().catch((err) => {
  log(`failed: ${err instanceof MissingPackagesError ? err.message : (err.stack ?? err)}`);
  return 1;
});
