#!/usr/bin/env node
// Runs the same integration suite (test/integration, `run()` contract) in VS Code desktop
// (Electron) with @vscode/test-electron, for machines that can download VS Code.
// On a machine without internet use `npm run test:integration` (code-server) instead.
//
//   npm run test:electron                       latest stable VS Code, cached in .cache/e2e/vscode-test
//   VSCODE_VERSION=1.91.0 npm run test:electron  the oldest version package.json's engines allows
//   xvfb-run -a npm run test:electron           on a Linux machine without a display
import fs from 'node:fs';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT, CACHE_DIR } from './lib/paths.mjs';
import { buildExtension, buildIntegrationSuite } from './lib/build.mjs';
import { createRunDir } from './lib/run-dir.mjs';

const TIMEOUT_MS = Number(process.env.ISTIO_E2E_TIMEOUT_MS ?? 10 * 60_000); // includes the download
const log = (msg) => process.stderr.write(`[electron] ${msg}\n`);

async function main() {
  const t0 = Date.now();
  const run = createRunDir('electron');
  const [, suiteEntry] = await Promise.all([
    buildExtension(),
    buildIntegrationSuite(path.join(run.dir, 'out')),
  ]);
  fs.writeFileSync(path.join(run.workspace, 'README.md'), 'Temporary workspace of one integration run.\n');
  log(`run folder ${path.relative(ROOT, run.dir)}`);
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    log('warning: no DISPLAY; Electron needs one on Linux. Run it as `xvfb-run -a npm run test:electron`.');
  }

  const timer = setTimeout(() => {
    log(`FAILED: no result within ${TIMEOUT_MS / 1000}s. Artefacts: ${run.dir}`);
    process.exit(1);
  }, TIMEOUT_MS);
  timer.unref();
  try {
    await runTests({
      version: process.env.VSCODE_VERSION || 'stable',
      cachePath: path.join(CACHE_DIR, 'vscode-test'),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: suiteEntry,
      extensionTestsEnv: {
        ISTIO_AUTHORING_TEST: '1', // registers the istio._test.* commands the suite uses
        TMPDIR: run.tmp,
        ...(process.env.ISTIO_E2E_GREP ? { ISTIO_E2E_GREP: process.env.ISTIO_E2E_GREP } : {}),
      },
      launchArgs: [
        run.workspace,
        '--user-data-dir',
        run.userData,
        '--extensions-dir',
        run.extensions,
        '--disable-extensions', // other installed extensions; the one under test still loads
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
        '--no-sandbox',
      ],
    });
    log(`passed in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    return 0;
  } catch (err) {
    const message = err?.message ?? String(err);
    const download =
      /download|ENOTFOUND|ECONNREFUSED|getaddrinfo|EAI_AGAIN|update\.code\.visualstudio\.com/i.test(message);
    log(
      `FAILED: ${message}\n` +
        (download
          ? '  VS Code could not be downloaded. Without internet, use `npm run test:integration` (code-server) instead.\n'
          : '') +
        `  artefacts: ${run.dir} (VS Code logs in ${path.join(run.userData, 'logs')})`,
    );
    return 1;
  } finally {
    clearTimeout(timer);
  }
}

process.exitCode = await main();
