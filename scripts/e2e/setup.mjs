#!/usr/bin/env node
// Installs the real-VS-Code rig into the cache (Node 24 + code-server) if missing, and the Debian
// packages it needs (as root with apt-get; otherwise prints the command and exits 1).
//   npm run setup:e2e          (npm start and the e2e test scripts do this themselves)
//   node scripts/e2e/setup.mjs [--build] [--no-browser]
import { ensureToolchain, checkChromium } from './lib/toolchain.mjs';
import { buildExtension } from './lib/build.mjs';
import { MissingPackagesError } from './lib/system.mjs';

try {
  const t0 = Date.now();
  await ensureToolchain();
  if (process.argv.includes('--build')) await buildExtension();
  if (!process.argv.includes('--no-browser')) checkChromium();
  process.stderr.write(`[e2e setup] done in ${((Date.now() - t0) / 1000).toFixed(1)}s\n`);
} catch (err) {
  process.stderr.write(
    `[e2e setup] failed: ${err instanceof MissingPackagesError ? err.message : (err.stack ?? err)}\n`,
  );
  process.exit(1);
}
