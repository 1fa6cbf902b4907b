#!/usr/bin/env node
// npm run bench:soak [-- --edits 2000 --size 1000 --only ours|peer]
//
// The soak row (issue 10): each server's RSS after opening the 1,000-resource file, and after 2,000
// one-line edits of it (each followed by its diagnostics). Target for ours: RSS after the edits at most
// 1.2 × RSS after open. Writes bench/results/soak.{md,json}.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeInputs } from './generate.mjs';
import { live, runOnce } from './measure.mjs';
import { servers } from './run.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'bench/results');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const edits = Number(arg('--edits', 2000));
const size = Number(arg('--size', 1000));
const only = arg('--only', undefined);

process.on('exit', () => {
  for (const c of live) c.kill();
});
mkdirSync(outDir, { recursive: true });
const { files, warmup, schemaUri } = writeInputs(outDir, join(root, 'schemas'), [size]);
const spec = servers(schemaUri);
const rows = [];
for (const s of [spec.ours, spec.peer]) {
  if (only && s.name !== (only === 'peer' ? 'yaml-ls' : 'ours')) continue;
  const r = await runOnce(s, files[size], warmup, {
    edits,
    timeoutMs: 120_000,
    rootUri: pathToFileURL(root).href,
  });
  rows.push({ server: s.name, rssOpenMiB: r.rssOpenMiB, rssEditMiB: r.rssEditMiB, hwmMiB: r.hwmMiB });
  process.stdout.write(
    `${s.name}: RSS ${r.rssOpenMiB.toFixed(0)} MiB after open, ${r.rssEditMiB.toFixed(0)} MiB after ${edits} edits\n`,
  );
}
const peerVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/yaml-language-server/package.json'), 'utf8'),
).version;
const md = [
  `# Soak: ${edits} one-line edits of the ${size}-resource file`,
  '',
  '| server | RSS after open (MiB) | RSS after edits (MiB) | after / open | peak RSS (MiB) |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.server === 'ours' ? 'ours' : `yaml-language-server ${peerVersion}`} | ${r.rssOpenMiB.toFixed(0)} | ${r.rssEditMiB.toFixed(0)} | ${(r.rssEditMiB / r.rssOpenMiB).toFixed(2)}× | ${r.hwmMiB.toFixed(0)} |`,
  ),
  '',
  'Target: ours ≤ 1.20× after / open.',
];
writeFileSync(join(outDir, 'soak.md'), md.join('\n') + '\n');
writeFileSync(join(outDir, 'soak.json'), JSON.stringify({ edits, size, rows }, null, 2));
process.stdout.write(md.join('\n') + '\n');
process.exit(0);
