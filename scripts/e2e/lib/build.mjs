// Builds what the rig loads: the extension (scripts/build.mjs → dist/) and the integration
// suite (test/integration/**/*.ts → out/test/integration/, one CommonJS file per entry).
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT } from './paths.mjs';
import { run } from './proc.mjs';

export async function buildExtension() {
  await run(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, capture: true }).catch(
    (err) => {
      throw new Error(`npm run build failed:\n${err.message}`);
    },
  );
  for (const f of ['extension.js', 'server.js']) {
    if (!fs.existsSync(path.join(ROOT, 'dist', f))) throw new Error(`build did not produce dist/${f}`);
  }
}

/**
 * Bundles test/integration/index.ts and every suite/*.test.ts into `outDir` (one CommonJS file
 * each; vscode and mocha stay external, mocha resolves from the project's node_modules) and
 * returns the entry for `extensionTestsPath`. Each run builds into its own folder, so that two
 * runs at once in one checkout cannot delete each other's suite.
 */
export async function buildIntegrationSuite(outDir) {
  const srcDir = path.join(ROOT, 'test', 'integration');
  const suites = fs
    .readdirSync(path.join(srcDir, 'suite'))
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(srcDir, 'suite', f));
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(srcDir, 'index.ts'), ...suites],
    outbase: srcDir,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(outDir, 'index.js');
}
