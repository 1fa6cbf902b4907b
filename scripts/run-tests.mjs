#!/usr/bin/env node
// Runs node's built-in test runner on every *.test.ts file below the given folders, through tsx.
//   node scripts/run-tests.mjs test/unit [more folders or *.test.ts files]
// (Node 20's --test does not expand globs or find .ts files by itself.)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const files = [];
const walk = (dir) => {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p);
    else if (e.endsWith('.test.ts')) files.push(p);
  }
};
for (const d of process.argv.slice(2)) {
  if (statSync(d).isDirectory()) walk(d);
  else files.push(d);
}
if (!files.length) {
  console.error(`no *.test.ts files under ${process.argv.slice(2).join(', ')}`);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
