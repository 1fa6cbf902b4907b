// Debian's Chromium driven by playwright-core (never a downloaded browser), with a fresh
// profile and HOME inside the run folder.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './paths.mjs';

export const CHROMIUM_ARGS = JSON.parse(
  fs.readFileSync(new URL('./chromium-args.json', import.meta.url), 'utf8'),
);

export async function launchBrowser(run, { viewport = { width: 1440, height: 900 } } = {}) {
  return chromium.launchPersistentContext(run.browserProfile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    env: { ...process.env, HOME: run.dir, XDG_CONFIG_HOME: path.join(run.xdg, 'browser'), TMPDIR: run.tmp },
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}
