// The editor `npm start` opens, prepared the way a user gets the extension:
//   - the .vsix built by `npm run package`, installed into the run's extensions folder
//   - code-server without the smoke-test driver, so notifications appear as toasts
//   - a git-ignored working copy of samples/ (.workspace/samples), so edits never touch the repo
// `--dev` keeps the extension-development mode instead (driver on, extension loaded from the
// checkout through the URL payload, so `npm run watch` + "Developer: Reload Window" apply changes).
// The UI test's "as npm start" configuration uses this same module.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SAMPLES_DIR } from './paths.mjs';
import { run } from './proc.mjs';
import { cleanNpmEnv } from './env.mjs';
import { buildExtension } from './build.mjs';
import { installExtension, startCodeServer, workbenchUrl } from './code-server.mjs';

/** The working copy `npm start` opens; .workspace/ is git-ignored. */
export const WORK_DIR = path.join(ROOT, '.workspace');
export const WORK_SAMPLES = path.join(WORK_DIR, 'samples');

/**
 * Makes sure the working copy of samples/ exists; `reset` replaces it with a fresh copy.
 * Returns the folder and whether it was (re)created.
 */
export function samplesWorkingCopy({ reset = false, target = WORK_SAMPLES } = {}) {
  const exists = fs.existsSync(target);
  if (exists && !reset) return { folder: target, created: false };
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.cpSync(SAMPLES_DIR, target, { recursive: true });
  return { folder: target, created: true };
}

/** `npm run package -- --out FILE`, in a clean npm environment; returns the .vsix path. */
export async function packageVsix(outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const vsix = path.join(outDir, 'istio-authoring.vsix');
  await run('npm', ['run', 'package', '--', '--out', vsix], {
    cwd: ROOT,
    env: cleanNpmEnv(process.env),
    capture: true,
  }).catch((err) => {
    throw new Error(`npm run package failed:\n${err.message}`);
  });
  if (!fs.existsSync(vsix)) throw new Error(`npm run package did not write ${vsix}`);
  return vsix;
}

/**
 * Starts code-server on `folder` as `npm start` does. Returns the server and the workbench URL.
 * @param {{ run: ReturnType<import('./run-dir.mjs').createRunDir>, port: number, folder: string,
 *           dev?: boolean, log?: (m: string) => void, settings?: object,
 *           machineSettings?: object, env?: Record<string, string> }} o
 */
export async function startUserEditor({
  run: r,
  port,
  folder,
  dev = false,
  log = () => {},
  settings = {},
  machineSettings,
  env,
}) {
  if (dev) {
    log('building the extension (npm run build); --dev loads it from this checkout');
    await buildExtension();
  } else {
    log('packaging the extension (npm run package) and installing the .vsix');
    const vsix = await packageVsix(path.join(r.dir, 'vsix'));
    await installExtension({ run: r, vsix });
  }
  const server = await startCodeServer({
    run: r,
    port,
    smokeTestDriver: dev,
    settings: { 'workbench.startupEditor': 'none', ...settings },
    machineSettings,
    env,
  });
  const url = dev
    ? workbenchUrl({ port, folder, extensionDevelopmentPath: ROOT })
    : workbenchUrl({ port, folder });
  return { server, url };
}
