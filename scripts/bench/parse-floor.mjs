// The floor of the workspace benchmark: a fresh process reads every *.yaml file below a folder and parses it
// with the `yaml` package's parseAllDocuments, nothing else. Prints {"ms", "cpuMs", "files", "documents"}.
// The clock starts after `yaml` is loaded, as the server's starts after it is loaded (at initialize).
//   node scripts/bench/parse-floor.mjs <dir>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';

const dir = process.argv[2];
if (!dir) throw new Error('usage: parse-floor.mjs <dir>');

function* yamlFiles(d) {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) yield* yamlFiles(p);
    else if (/\.ya?ml$/.test(e.name)) yield p;
  }
}

const t0 = performance.now();
const c0 = process.cpuUsage();
let files = 0;
let documents = 0;
for (const p of yamlFiles(dir)) {
  documents += parseAllDocuments(readFileSync(p, 'utf8')).length;
  files++;
}
const ms = performance.now() - t0;
const c = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ ms, cpuMs: (c.user + c.system) / 1000, files, documents }) + '\n');
