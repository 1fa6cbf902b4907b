#!/usr/bin/env node
// npm run bench [-- --sizes 100,1000,4000] [--runs N] [--edits N] [--only ours|peer] [--profile] [--no-cli]
//   [--no-workspace] [--workspace-only] [--no-cluster]
// npm run bench:soak: RSS after open and after 2,000 one-line edits (scripts/bench/soak.mjs)
//
// Compares our language server (dist/server.js) with yaml-language-server on generated Istio files:
// open → diagnostics, edit → diagnostics, RSS. Writes bench/results/{results.md,results.json}.
// --profile instead runs ours once per size under --cpu-prof and writes bench/results/profile.md: the hot
// functions during open and during the edits.
// Then the workspace benchmark (scripts/bench/workspace.mjs: a generated mesh workspace of 1k, 10k and 40k
// resources, index, edit across files, navigation, RSS; bench/results/workspace.md) and the CLI throughput.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeInputs } from './generate.mjs';
import { live, parseFloor, runOnce } from './measure.mjs';
import { analyze, profileMarkdown } from './profile.mjs';
import { summarize, toMarkdown } from './report.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'bench/results');

function parseArgs(argv) {
  const a = { sizes: [100, 1000, 4000], runs: undefined, edits: undefined, only: undefined, profile: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--sizes') a.sizes = argv[++i].split(',').map(Number);
    else if (k === '--runs') a.runs = Number(argv[++i]);
    else if (k === '--edits') a.edits = Number(argv[++i]);
    else if (k === '--only') a.only = argv[++i];
    else if (k === '--profile') a.profile = true;
    else if (k === '--no-cli') a.noCli = true;
    else if (k === '--no-workspace') a.noWorkspace = true;
    else if (k === '--workspace-only') a.workspaceOnly = true;
    else if (k === '--no-cluster') a.noCluster = true;
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

const plan = (n, args) => ({
  runs: args.runs ?? (n >= 4000 ? 3 : 5),
  edits: args.edits ?? (n >= 4000 ? 5 : 7),
  timeoutMs: n >= 4000 ? 180_000 : 60_000,
});

export function servers(schemaUri) {
  const peerBin = join(root, 'node_modules/yaml-language-server/bin/yaml-language-server');
  return {
    ours: {
      name: 'ours',
      argv: [process.execPath, join(root, 'dist/server.js'), '--stdio'],
      cwd: root,
      settings: {
        istio: { validation: { enable: true, ignore: [], maxFileSizeMB: 50 }, trace: { server: 'off' } },
      },
    },
    peer: {
      name: 'yaml-ls',
      argv: [process.execPath, peerBin, '--stdio'],
      cwd: root,
      settings: {
        yaml: {
          validate: true,
          hover: false,
          completion: false,
          format: { enable: false },
          schemas: { [schemaUri]: 'bench-*.yaml' },
          schemaStore: { enable: false },
          kubernetesCRDStore: { enable: false },
        },
        http: { proxy: '', proxyStrictSSL: false },
        '[yaml]': {},
        editor: {},
      },
    },
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  // Hard stop: whatever happens, the bench ends and its servers die.
  const deadline = setTimeout(() => {
    console.error('bench: global deadline reached');
    process.exit(2);
  }, 60 * 60_000);
  deadline.unref();
  process.on('exit', () => {
    for (const c of live) c.kill();
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

  if (args.workspaceOnly) {
    workspaceBench();
    process.exit(0);
  }
  const { files, warmup, schemaUri } = writeInputs(outDir, join(root, 'schemas'), args.sizes);
  const spec = servers(schemaUri);
  const oursMissing = existsSync(join(root, 'dist/server.js'))
    ? undefined
    : 'dist/server.js does not exist (run npm run build)';
  const order = [
    ...(args.only !== 'peer' && !oursMissing ? [spec.ours] : []),
    ...(args.only !== 'ours' ? [spec.peer] : []),
  ];
  const rootUri = pathToFileURL(root).href;
  if (args.profile) {
    if (oursMissing) throw new Error(oursMissing);
    return profile(spec.ours, files, warmup, args, rootUri);
  }

  const results = {
    meta: {
      date: new Date().toISOString(),
      loadavg: loadavg()
        .map((x) => x.toFixed(1))
        .join(' '),
      node: process.version,
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? '?',
      peerVersion: JSON.parse(
        readFileSync(join(root, 'node_modules/yaml-language-server/package.json'), 'utf8'),
      ).version,
    },
    warmupResources: 50,
    oursMissing,
    sizes: {},
    raw: {},
  };

  for (const n of args.sizes) {
    const input = files[n];
    const p = plan(n, args);
    const runs = { ours: [], peer: [] };
    const errs = {};
    const entry = {
      lines: input.lines,
      errorsSeeded: input.errors,
      edits: p.edits,
      parseMs: parseFloor(input.path),
    };
    for (let r = 0; r < p.runs; r++) {
      for (const s of order) {
        const key = s === spec.ours ? 'ours' : 'peer';
        if (errs[key]) continue;
        process.stderr.write(`[${n}] run ${r + 1}/${p.runs} ${s.name} … `);
        try {
          const res = await runOnce(s, input, warmup, { edits: p.edits, timeoutMs: p.timeoutMs, rootUri });
          runs[key].push(res);
          process.stderr.write(
            `open ${res.openMs.toFixed(0)} ms, edit ${res.editMs.map((x) => x.toFixed(0)).join('/')} ms, ` +
              `rss ${res.rssEditMiB.toFixed(0)} MiB, ${res.diagnostics} diagnostics\n`,
          );
        } catch (e) {
          errs[key] = String(e?.message ?? e)
            .split('\n')
            .slice(0, 6)
            .join(' ⏎ ');
          process.stderr.write(`FAILED: ${errs[key]}\n`);
        }
      }
    }
    entry.ours = summarize(runs.ours);
    entry.peer = summarize(runs.peer);
    if (errs.ours) entry.oursError = errs.ours;
    if (errs.peer) entry.peerError = errs.peer;
    results.sizes[n] = entry;
    results.raw[n] = runs;
    for (const [k, v] of [
      ['ours', entry.ours],
      ['yaml-ls', entry.peer],
    ]) {
      if (v)
        process.stderr.write(
          `[${n}] ${k}: ${v.diagnostics} diagnostics on open (${input.errors} errors seeded): ${v.sample.join(' | ')}\n`,
        );
      if (v && v.diagnostics === 0)
        process.stderr.write(
          `[${n}] WARNING: ${k} reported no diagnostics: its validation is not in force\n`,
        );
    }
  }

  const md = toMarkdown(results);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'results.md'), md);
  writeFileSync(join(outDir, 'results.json'), JSON.stringify(results, null, 1) + '\n');
  process.stdout.write(md);
  process.stdout.write(`\n(written to ${join(outDir, 'results.md')} and results.json)\n`);
  if (!args.noWorkspace && !oursMissing) workspaceBench();
  // CLI throughput, --jobs 1 and 2 (scripts/bench/cli.ts, also `npm run bench:cli`): bench/results/cli.md.
  if (!args.noCli && !oursMissing)
    spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/bench/cli.ts')], {
      stdio: 'inherit',
      cwd: root,
    });
  // The cluster benchmark (scripts/bench/cluster.mjs): bench/results/cluster.md.
  if (!args.noCluster && !oursMissing)
    spawnSync(process.execPath, [join(root, 'scripts/bench/cluster.mjs')], { stdio: 'inherit', cwd: root });
  process.exit(0);
}

/** The workspace benchmark, in its own process (it runs under tsx to read mesh.ts). */
function workspaceBench() {
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/bench/workspace.mjs')], {
    stdio: 'inherit',
    cwd: root,
  });
}

/** One run of ours per size under --cpu-prof; the samples inside the open and edit windows are summarized. */
async function profile(ours, files, warmup, args, rootUri) {
  const dir = join(outDir, 'profiles');
  rmSync(dir, { recursive: true, force: true });
  const md = ['# Where our server spends its time', ''];
  for (const n of args.sizes) {
    const sub = join(dir, String(n));
    const spec = {
      ...ours,
      argv: [ours.argv[0], '--cpu-prof', '--cpu-prof-dir', sub, ...ours.argv.slice(1)],
    };
    const p = plan(n, args);
    const res = await runOnce(spec, files[n], warmup, { edits: p.edits, timeoutMs: p.timeoutMs, rootUri });
    const file = readdirSync(sub).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no .cpuprofile in ${sub}`);
    const prof = join(sub, file);
    writeFileSync(join(sub, 'windows.json'), JSON.stringify(res.windows)); // µs, to slice the profile again
    md.push(
      `## ${n} resources (open ${res.openMs.toFixed(0)} ms, edits ${res.editMs.map((x) => x.toFixed(0)).join('/')} ms under the profiler)`,
      '',
    );
    md.push(profileMarkdown('open → diagnostics', analyze(prof, [res.windows.open], root)));
    md.push(
      profileMarkdown(`${res.editMs.length} edits → diagnostics`, analyze(prof, res.windows.edits, root), 10),
    );
    md.push(`Profile: ${prof} (open it in Chrome DevTools or VS Code).`, '');
  }
  const text = md.join('\n');
  writeFileSync(join(outDir, 'profile.md'), text);
  process.stdout.write(text + `\n(written to ${join(outDir, 'profile.md')})\n`);
  process.exit(0);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
