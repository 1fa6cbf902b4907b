#!/usr/bin/env node
// Installs the real-VS-Code rig into .cache/e2e (Node 24 + code-server) if missing.
//   node scripts/e2e/setup.mjs [--build]     --build also runs `npm run build`
import { ensureToolchain, checkChromium } from './lib/toolchain.mjs';
import { buildExtension } from './lib/build.mjs';

try {
  const t0 = Date.now();
  await ensureToolchain();
  if (process.argv.includes('--build')) await buildExtension();
  try {
    checkChromium();
  } catch (err) {
    // Not fatal for `npm start` (you bring your own browser); the UI and integration tests need it.
    process.stderr.write(`[e2e setup] warning: ${err.message}\n`);
  }
  process.stderr.write(`[e2e setup] done in ${((Date.now() - t0) / 1000).toFixed(1)}s\n`);
} catch (err) {
  process.stderr.write(`[e2e setup] failed: ${err.stack ?? err}\n`);
  process.exit(1);
}
