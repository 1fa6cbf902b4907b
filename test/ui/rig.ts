// What scripts/e2e/run-ui.mjs hands to the UI test: the workbench URL of a running code-server
// with the extension loaded, and folders of this run. Launches Debian's Chromium with playwright-core.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import chromiumArgs from '../../scripts/e2e/lib/chromium-args.json';

export interface Rig {
  /** Workbench URL: the workspace (a copy of samples/) with the extension loaded. */
  url: string;
  workspace: string;
  runDir: string;
  screenshots: string;
  /** When set (`npm run test:ui -- --update-docs`), the README screenshots are written here too. */
  docsDir: string | undefined;
}

export function rigFromEnv(): Rig {
  const get = (name: string): string => {
    const v = process.env[name];
    assert.ok(v, `${name} is not set: run the UI test with \`npm run test:ui\` (scripts/e2e/run-ui.mjs)`);
    return v;
  };
  return {
    url: get('ISTIO_E2E_URL'),
    workspace: get('ISTIO_E2E_WORKSPACE'),
    runDir: get('ISTIO_E2E_RUN_DIR'),
    screenshots: get('ISTIO_E2E_SCREENSHOTS'),
    docsDir: process.env.ISTIO_E2E_DOCS_DIR || undefined,
  };
}

export function launchBrowser(rig: Rig): Promise<BrowserContext> {
  return chromium.launchPersistentContext(path.join(rig.runDir, 'browser-profile'), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 860 },
    deviceScaleFactor: 1,
    env: { ...process.env, HOME: rig.runDir, XDG_CONFIG_HOME: path.join(rig.runDir, 'xdg', 'browser') },
    args: chromiumArgs,
    timeout: 60_000,
  });
}
