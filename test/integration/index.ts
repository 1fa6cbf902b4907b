// Entry point of the integration suite, loaded by VS Code as `extensionTestsPath`: the same
// `run()` contract for both runners (code-server via scripts/e2e/run-integration.mjs and
// @vscode/test-electron via scripts/e2e/run-electron.mjs). Runs every suite/*.test.js beside it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    // Per test; every wait inside a test has its own, shorter timeout with a clear message.
    timeout: 90_000,
    grep: process.env.ISTIO_E2E_GREP || undefined,
  });
  const suiteDir = path.join(__dirname, 'suite');
  const files = fs
    .readdirSync(suiteDir)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  if (!files.length) return Promise.reject(new Error(`no *.test.js files in ${suiteDir}`));
  for (const f of files) mocha.addFile(path.join(suiteDir, f));

  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
        else resolve();
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
