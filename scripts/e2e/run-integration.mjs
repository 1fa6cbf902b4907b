#!/usr/bin/env node
// Runs the integration suite (test/integration, mocha, `run()` contract) inside a real VS Code:
// code-server 4.139.1 with Debian's Chromium, the extension loaded from this folder through the
// workbench `payload` (extensionDevelopmentPath + extensionTestsPath). The suite's exit code
// arrives through window.codeAutomationExit; its output through window.codeAutomationLog.
//
//   npm run test:integration            ISTIO_E2E_GREP=pattern to run some tests only
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { ROOT, INTEGRATION_ENTRY } from './lib/paths.mjs';
import { ensureToolchain, checkChromium } from './lib/toolchain.mjs';
import { buildExtension, buildIntegrationSuite } from './lib/build.mjs';
import { createRunDir, freePort } from './lib/run-dir.mjs';
import { startCodeServer, workbenchUrl, tail } from './lib/code-server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { onCleanup } from './lib/proc.mjs';

const SUITE_TIMEOUT_MS = Number(process.env.ISTIO_E2E_TIMEOUT_MS ?? 5 * 60_000);
const log = (msg) => process.stderr.write(`[integration] ${msg}\n`);

async function main() {
  const t0 = Date.now();
  await ensureToolchain();
  checkChromium();
  await Promise.all([buildExtension(), buildIntegrationSuite()]);
  const run = createRunDir('integration');
  log(`run folder ${path.relative(ROOT, run.dir)}`);

  let server;
  let browser;
  let page;
  const closeAll = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  };
  onCleanup(() => {
    // Synchronous last resort (SIGINT, crash): the browser dies with us; code-server by its group.
    if (server) {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  });

  const transcript = fs.createWriteStream(path.join(run.dir, 'mocha.log'));
  try {
    server = await startCodeServer({ run, port: Number(process.env.ISTIO_E2E_PORT) || (await freePort()) });
    browser = await launchBrowser(run);
    page = browser.pages()[0] ?? (await browser.newPage());
    fs.writeFileSync(path.join(run.workspace, 'README.md'), 'Temporary workspace of one integration run.\n');

    const exitCode = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code, logs) => {
        for (const l of Array.isArray(logs) ? logs : []) {
          if (!l?.relativePath || typeof l.contents !== 'string') continue;
          const target = path.join(run.dir, 'vscode-logs', l.relativePath);
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.writeFileSync(target, l.contents);
        }
        resolve(code);
      });
    });
    await page.exposeFunction('codeAutomationLog', (_level, args) => {
      const line = Array.isArray(args) ? util.format(...args) : String(args);
      process.stdout.write(line.endsWith('\n') ? line : `${line}\n`);
      transcript.write(line.endsWith('\n') ? line : `${line}\n`);
    });
    page.on('pageerror', (err) => transcript.write(`[page error] ${err.message}\n`));

    const url = workbenchUrl({
      port: server.port,
      folder: run.workspace,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: INTEGRATION_ENTRY,
      extensionEnvironment: process.env.ISTIO_E2E_GREP ? { ISTIO_E2E_GREP: process.env.ISTIO_E2E_GREP } : undefined,
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    log(`workbench opened, running the suite (bounded by ${SUITE_TIMEOUT_MS / 1000}s)`);

    let timer;
    const code = await Promise.race([
      exitCode,
      new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), SUITE_TIMEOUT_MS))),
      server.exited.then((e) => `code-server exited (${e.code ?? e.signal})`),
    ]);
    clearTimeout(timer);
    await page.screenshot({ path: path.join(run.screenshots, 'final.png') }).catch(() => undefined);

    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    if (code === 0) {
      log(`passed in ${seconds}s. Artefacts: ${path.relative(ROOT, run.dir)}`);
      return 0;
    }
    const why = code === 'timeout' ? `the suite did not finish within ${SUITE_TIMEOUT_MS / 1000}s` : typeof code === 'number' ? `exit code ${code}` : code;
    log(
      `FAILED (${why}) after ${seconds}s.\n` +
        `  screenshot:       ${path.join(run.dir, 'screenshots', 'final.png')}\n` +
        `  code-server log:  ${run.log}\n` +
        `  mocha transcript: ${path.join(run.dir, 'mocha.log')}\n` +
        `  VS Code logs:     ${path.join(run.dir, 'vscode-logs')} (extension host, window)\n` +
        `--- tail of code-server log ---\n${tail(run.log, 20)}`,
    );
    return 1;
  } catch (err) {
    if (page) await page.screenshot({ path: path.join(run.screenshots, 'failure.png') }).catch(() => undefined);
    log(
      `FAILED: ${err.stack ?? err}\n  artefacts: ${run.dir}\n  code-server log: ${run.log}\n` +
        `--- tail of code-server log ---\n${tail(run.log, 20)}`,
    );
    return 1;
  } finally {
    transcript.end();
    await closeAll();
  }
}

process.exitCode = await main();
