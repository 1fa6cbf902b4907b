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
import { SourceMap } from 'node:module';
import { ROOT, ARTIFACTS_DIR } from './lib/paths.mjs';
import { ensureToolchain, checkChromium } from './lib/toolchain.mjs';
import { MissingPackagesError } from './lib/system.mjs';
import { buildExtension, buildIntegrationSuite } from './lib/build.mjs';
import { createRunDir, freePort } from './lib/run-dir.mjs';
import { startCodeServer, workbenchUrl, tail } from './lib/code-server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { onCleanup } from './lib/proc.mjs';

const SUITE_TIMEOUT_MS = Number(process.env.ISTIO_E2E_TIMEOUT_MS ?? 10 * 60_000);
const VERBOSE = !!process.env.ISTIO_E2E_VERBOSE;
// The workbench's own log lines arrive through codeAutomationLog too, mixed with mocha's report.
// These are harmless on a machine without internet (see REAL-VSCODE.md); they stay in the transcript.
const WORKBENCH_NOISE = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^\[reconnection-grace-time\]/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^\[AgentHost/,
  /^\[AccountPolicyGate\]/,
  /authentication provider 'github'/,
  /^Creation of workbench contribution '.*' took \d+ms/,
  /ENOTFOUND open-vsx\.org/,
  /^\s+at .*\/static\/out\/vs\//, // stack frames of the workbench's own errors
];
/** Environment of the extension host under test; the test-only commands need ISTIO_AUTHORING_TEST=1. */
function extensionTestsEnv() {
  const env = { ISTIO_AUTHORING_TEST: '1' };
  if (process.env.ISTIO_E2E_GREP) env.ISTIO_E2E_GREP = process.env.ISTIO_E2E_GREP;
  return env;
}
// The extension host replaces Error.prepareStackTrace, so Node's own source-map support does not
// apply there: stack frames of the bundled suite are mapped back to the .ts sources here.
const sourceMaps = new Map();
function sourceMapOf(file) {
  if (!sourceMaps.has(file)) {
    let map;
    try {
      const m = /\/\/# sourceMappingURL=data:application\/json;base64,(\S+)\s*$/.exec(
        fs.readFileSync(file, 'utf8'),
      );
      if (m) map = new SourceMap(JSON.parse(Buffer.from(m[1], 'base64').toString('utf8')));
    } catch {
      map = undefined;
    }
    sourceMaps.set(file, map);
  }
  return sourceMaps.get(file);
}
function toSourceLocations(text) {
  return text.replace(/([^\s()]+\.js):(\d+):(\d+)/g, (whole, file, line, column) => {
    const abs = path.resolve(ROOT, file);
    if (!abs.includes(`${path.sep}out${path.sep}`) || !abs.startsWith(ARTIFACTS_DIR)) return whole;
    const entry = sourceMapOf(abs)?.findEntry(Number(line) - 1, Number(column) - 1);
    if (!entry?.originalSource) return whole;
    const source = path.relative(ROOT, path.resolve(path.dirname(abs), entry.originalSource));
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

const log = (msg) => process.stderr.write(`[integration] ${msg}\n`);

async function main() {
  const t0 = Date.now();
  await ensureToolchain();
  checkChromium();
  const run = createRunDir('integration');
  const [, suiteEntry] = await Promise.all([
    buildExtension(),
    buildIntegrationSuite(path.join(run.dir, 'out')),
  ]);
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

  const transcript = fs.createWriteStream(path.join(run.dir, 'console.log'));
  try {
    server = await startCodeServer({ run, port: Number(process.env.ISTIO_E2E_PORT) || (await freePort()) });
    browser = await launchBrowser(run);
    page = browser.pages()[0] ?? (await browser.newPage());
    fs.writeFileSync(path.join(run.workspace, 'README.md'), 'Temporary workspace of one integration run.\n');

    let exited;
    const exitCode = new Promise((resolve) => (exited = resolve));
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      for (const l of Array.isArray(logs) ? logs : []) {
        if (!l?.relativePath || typeof l.contents !== 'string') continue;
        const target = path.join(run.dir, 'vscode-logs', l.relativePath);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, l.contents);
      }
      exited(code);
    });
    await page.exposeFunction('codeAutomationLog', (_level, args) => {
      let line = Array.isArray(args) ? util.format(...args) : String(args);
      if (!line.endsWith('\n')) line += '\n';
      line = toSourceLocations(line);
      transcript.write(line);
      if (VERBOSE || !WORKBENCH_NOISE.some((re) => re.test(line))) process.stdout.write(line);
    });
    page.on('pageerror', (err) => transcript.write(`[page error] ${err.message}\n`));

    const url = workbenchUrl({
      port: server.port,
      folder: run.workspace,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: suiteEntry,
      extensionEnvironment: extensionTestsEnv(),
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
    const why =
      code === 'timeout'
        ? `the suite did not finish within ${SUITE_TIMEOUT_MS / 1000}s`
        : typeof code === 'number'
          ? `exit code ${code}`
          : code;
    log(
      `FAILED (${why}) after ${seconds}s.\n` +
        `  screenshot:       ${path.join(run.dir, 'screenshots', 'final.png')}\n` +
        `  code-server log:  ${run.log}\n` +
        `  console output:   ${path.join(run.dir, 'console.log')}\n` +
        `  VS Code logs:     ${path.join(run.userData, 'logs')} (server, extension host)\n` +
        (fs.existsSync(path.join(run.dir, 'vscode-logs'))
          ? `  workbench logs:   ${path.join(run.dir, 'vscode-logs')} (window)\n`
          : '') +
        `--- tail of code-server log ---\n${tail(run.log, 20)}`,
    );
    return 1;
  } catch (err) {
    if (page)
      await page.screenshot({ path: path.join(run.screenshots, 'failure.png') }).catch(() => undefined);
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

process.exitCode = await main().catch((err) => {
  log(`failed: ${err instanceof MissingPackagesError ? err.message : (err.stack ?? err)}`);
  return 1;
});
