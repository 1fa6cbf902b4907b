// Workspace benchmark: the real language server (dist/server.js over stdio) given a generated mesh
// workspace folder (scripts/bench/mesh.ts) of about 1k, 10k and 40k resources, with seeded broken
// references. Run with tsx (it imports mesh.ts): `node --import tsx scripts/bench/workspace.mjs`
// [--files 100,1000,4000] [--runs N] [--edits N]. Also the workspace section of `npm run bench`.
//
// Measures, per size, medians over fresh server processes:
//  (a) index: from the initialize request to the first complete workspace diagnostics (the work-done
//      progress "end", then a workspace/diagnostic pull that answers every file), against the floor: a
//      fresh process that reads and parses every file with the `yaml` package (parse-floor.mjs);
//  (b) edit: a didChange that renames a DestinationRule subset (v2 → v2x and back) in one file, until the
//      diagnostics of the VirtualService in another file (not open) change: once with a workspace pull
//      sent right after the edit, and once through a long-polling workspace/diagnostic request held
//      open, as VS Code holds it (the server answers it at once for the first change after a quiet
//      spell, and holds what follows within 150 ms until that time is up);
//  (c) definition (VirtualService subset → DestinationRule in another file) and references (the
//      DestinationRule subset → its VirtualService users) latency;
//  (d) RSS after the index and after the edits, and the peak (VmHWM).
// Writes bench/results/workspace.{md,json}. --profile instead runs once per size under --cpu-prof and
// writes bench/results/workspace-profile.md: the hot functions of the index and of the edits.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient } from './lsp.mjs';
import { median } from './measure.mjs';
import { analyze, profileMarkdown } from './profile.mjs';
import { meshFile, meshFileName, meshFolder, writeMeshWorkspace } from './mesh.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'bench/results');
export const live = new Set();

function parseArgs(argv) {
  const a = { files: [100, 1000, 4000], runs: undefined, edits: 6, profile: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--files') a.files = argv[++i].split(',').map(Number);
    else if (k === '--runs') a.runs = Number(argv[++i]);
    else if (k === '--edits') a.edits = Number(argv[++i]);
    else if (k === '--profile') a.profile = true;
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

const SETTINGS = {
  istio: {
    validation: { enable: true, ignore: [], maxFileSizeMB: 50, scope: 'workspace' },
    references: { unresolved: 'information' },
    trace: { server: 'off' },
  },
};

function section(settings, name) {
  if (!name) return settings;
  return name.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), settings) ?? null;
}

const CAPABILITIES = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: false },
    didChangeWatchedFiles: { dynamicRegistration: true },
    diagnostics: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    definition: { linkSupport: false },
    references: {},
  },
  window: { workDoneProgress: true },
};

const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The floor: median wall and CPU time of 3 fresh processes that read and parse every file. */
function floor(dir) {
  const ms = [];
  const cpu = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync(process.execPath, [join(root, 'scripts/bench/parse-floor.mjs'), dir], {
      encoding: 'utf8',
      cwd: root,
    });
    if (r.status !== 0) throw new Error(`parse-floor: ${r.stderr}`);
    const out = JSON.parse(r.stdout);
    ms.push(out.ms);
    cpu.push(out.cpuMs);
  }
  return { ms: median(ms), cpuMs: median(cpu) };
}

/** Position of the `occurrence`-th (0-based) line matching `re` in text. */
function lineOf(text, re, occurrence = 0) {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    const m = re.exec(lines[i]);
    if (m && seen++ === occurrence) return { line: i, character: m.index + m[0].length, text: lines[i] };
  }
  throw new Error(`no line ${re} in the file`);
}

class Server {
  constructor(timeoutMs, profileDir) {
    this.timeoutMs = timeoutMs;
    const prof = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
    this.client = new LspClient([process.execPath, ...prof, join(root, 'dist/server.js'), '--stdio'], {
      cwd: root,
      onRequest: (method, params) =>
        method === 'workspace/configuration' ? params.items.map((i) => section(SETTINGS, i.section)) : null,
    });
    live.add(this.client);
    this.resultIds = new Map(); // uri -> resultId the client holds
    this.diagnostics = new Map(); // uri -> Diagnostic[]
  }

  /** Absorbs a workspace report; returns the uris that came back in full. */
  absorb(report) {
    const full = [];
    for (const item of report.items ?? []) {
      if (item.resultId) this.resultIds.set(item.uri, item.resultId);
      if (item.kind === 'full') {
        this.diagnostics.set(item.uri, item.items);
        full.push(item.uri);
      }
    }
    return full;
  }

  pull(id) {
    return this.client.request(
      'workspace/diagnostic',
      {
        identifier: id,
        previousResultIds: [...this.resultIds].map(([uri, value]) => ({ uri, value })),
      },
      this.timeoutMs,
    );
  }

  async index(folderUri) {
    const t0 = now();
    const done = this.client.waitFor('$/progress', (p) => p.value?.kind === 'end', this.timeoutMs);
    await this.client.request(
      'initialize',
      {
        processId: process.pid,
        rootUri: folderUri,
        workspaceFolders: [{ uri: folderUri, name: 'mesh' }],
        capabilities: CAPABILITIES,
      },
      this.timeoutMs,
    );
    this.client.notify('initialized', {});
    this.client.notify('workspace/didChangeConfiguration', { settings: SETTINGS });
    await done;
    const tRead = now();
    this.absorb(await this.pull());
    return { ms: now() - t0, readMs: tRead - t0 };
  }
}

async function runOnce(dir, ws, edits, timeoutMs, profileDir) {
  const s = new Server(timeoutMs, profileDir);
  const windows = { index: [], edits: [] }; // µs on CLOCK_MONOTONIC, to slice a CPU profile
  try {
    const folderUri = pathToFileURL(dir).href;
    const cpu0 = s.client.cpuMs();
    const tIndex = now();
    const idx = await s.index(folderUri);
    windows.index.push([tIndex * 1000, now() * 1000]);
    const indexCpuMs = s.client.cpuMs() - cpu0;
    const memIndex = s.client.memory();
    const all = [...s.diagnostics.values()].flat();
    const count = (re) => all.filter((d) => re.test(d.message)).length;
    const found = {
      files: s.diagnostics.size,
      diagnostics: all.length,
      badEnum: count(/ROUND_ROBBIN/),
      badSubset: all.filter((d) => d.severity === 1 && /"v9"/.test(d.message)).length,
      badGateway: count(/nonexistent-gw/),
    };

    // (b) app k's DestinationRule is in app k+1's file; app k's VirtualService in app k's file.
    const k = 5; // a clean app (no seeded problem)
    const drUri = pathToFileURL(join(dir, meshFolder(k + 1), meshFileName(k + 1))).href;
    const vsUri = pathToFileURL(join(dir, meshFolder(k), meshFileName(k))).href;
    const drText = readFileSync(fileURLToPath(drUri), 'utf8');
    const drStart = drText.split('\n').findIndex((l) => l === 'kind: DestinationRule');
    const v2 = lineOf(drText.split('\n').slice(drStart).join('\n'), /- name: v2/);
    const v2Line = drStart + v2.line;
    const v2Char = v2.character - 2; // start of "v2"
    s.client.notify('textDocument/didOpen', {
      textDocument: { uri: drUri, languageId: 'yaml', version: 1, text: drText },
    });
    const vsBroken = () => (s.diagnostics.get(vsUri) ?? []).some((d) => /"v2"/.test(d.message));
    if (vsBroken()) throw new Error('the VirtualService is already flagged before the edit');
    let version = 1;
    const edit = (to) => {
      const from = to === 'v2x' ? 'v2' : 'v2x';
      s.client.notify('textDocument/didChange', {
        textDocument: { uri: drUri, version: ++version },
        contentChanges: [
          {
            range: {
              start: { line: v2Line, character: v2Char },
              end: { line: v2Line, character: v2Char + from.length },
            },
            text: to,
          },
        ],
      });
    };
    /** Pulls (or long-polls) until the VirtualService's diagnostics say `broken`. */
    const until = async (broken, poll) => {
      for (let i = 0; i < 50; i++) {
        s.absorb(await s.pull(poll));
        if (vsBroken() === broken) return;
      }
      throw new Error(`the VirtualService's diagnostics did not become ${broken ? 'flagged' : 'clean'}`);
    };
    const pullMs = [];
    const pollMs = [];
    let editCpuMs = 0;
    for (let i = 0; i < 2 * edits; i++) {
      await sleep(200); // let the coalescing timer of the previous change fire
      const c0 = s.client.cpuMs();
      const t0 = now();
      const toBroken = i % 2 === 0; // break the reference, then mend it
      if (Math.floor(i / 2) % 2 === 0) {
        // The client pulls right after the edit.
        edit(toBroken ? 'v2x' : 'v2');
        await until(toBroken);
        pullMs.push(now() - t0);
        windows.edits.push([t0 * 1000, now() * 1000]);
      } else {
        // A long poll is held open (as VS Code does); the edit wakes it.
        const pending = until(toBroken, 'poll');
        await sleep(50); // the request is parked in the server before the edit
        const t1 = now();
        edit(toBroken ? 'v2x' : 'v2');
        await pending;
        pollMs.push(now() - t1);
        windows.edits.push([t1 * 1000, now() * 1000]);
      }
      editCpuMs += s.client.cpuMs() - c0;
    }
    if (vsBroken()) throw new Error('the VirtualService is still flagged after the last edit back');

    // (c) definition from the VirtualService's `subset: v1` to the DestinationRule in the other file,
    // references from the DestinationRule's subset name to the VirtualService.
    const vsText = readFileSync(fileURLToPath(vsUri), 'utf8');
    s.client.notify('textDocument/didOpen', {
      textDocument: { uri: vsUri, languageId: 'yaml', version: 1, text: vsText },
    });
    const sub = lineOf(vsText, /subset: /);
    const v1 = lineOf(drText.split('\n').slice(drStart).join('\n'), /- name: v1/);
    const defMs = [];
    const refMs = [];
    let defOk = true;
    let refOk = true;
    for (let i = 0; i < 10; i++) {
      let t0 = now();
      const def = await s.client.request(
        'textDocument/definition',
        { textDocument: { uri: vsUri }, position: { line: sub.line, character: sub.character + 1 } },
        timeoutMs,
      );
      defMs.push(now() - t0);
      defOk &&= Array.isArray(def) && def.some((l) => l.uri === drUri);
      t0 = now();
      const refs = await s.client.request(
        'textDocument/references',
        {
          textDocument: { uri: drUri },
          position: { line: drStart + v1.line, character: v1.character - 1 },
          context: { includeDeclaration: false },
        },
        timeoutMs,
      );
      refMs.push(now() - t0);
      refOk &&= Array.isArray(refs) && refs.some((l) => l.uri === vsUri);
    }
    const memEnd = s.client.memory();
    return {
      indexMs: idx.ms,
      readMs: idx.readMs,
      indexCpuMs,
      found,
      pullMs,
      pollMs,
      editCpuMs: editCpuMs / (2 * edits),
      definitionMs: median(defMs),
      referencesMs: median(refMs),
      navigationOk: defOk && refOk,
      rssIndexMiB: memIndex.rssMiB,
      rssEndMiB: memEnd.rssMiB,
      hwmMiB: memEnd.hwmMiB,
      windows,
    };
  } finally {
    await s.client.close().catch(() => s.client.kill());
    live.delete(s.client);
  }
}

const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '–');
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const f3 = (x) => (Number.isFinite(x) ? x.toFixed(3) : '–');
const pass = (ok) => (ok ? '**PASS**' : '**FAIL**');

function toMarkdown(meta, rows) {
  const out = [
    '### Workspace (language server, one workspace folder)',
    '',
    `Node ${meta.node}, ${meta.cpus} cores (${meta.cpu}), load average ${meta.loadavg} at the start; ` +
      `medians over fresh server processes.`,
    '',
    '| resources (files) | (a) index → complete diagnostics (ms) | floor: read + `yaml` parse (ms) | (a) / floor | (a) CPU / floor CPU | (b) edit → VS diagnostics, pull (ms) | (b) / (a) | (b) via long poll (ms) | (c) definition (ms) | (c) references (ms) | (d) RSS after index / after edits / peak (MiB) | runs |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
  ];
  for (const r of rows)
    out.push(
      `| ${r.resources} (${r.files}) | ${f0(r.indexMs)} | ${f0(r.floorMs)} | ${f3(r.indexMs / r.floorMs)} | ${f3(r.indexCpuMs / r.floorCpuMs)} | ` +
        `${f1(r.pullMs)} | ${f3(r.pullMs / r.indexMs)} | ${f1(r.pollMs)} | ${f1(r.definitionMs)} | ${f1(r.referencesMs)} | ` +
        `${f0(r.rssIndexMiB)} / ${f0(r.rssEndMiB)} / ${f0(r.hwmMiB)} | ${r.runs} |`,
    );
  out.push('');
  const ten = rows.find((r) => r.files === 1000);
  if (ten)
    out.push(
      `Targets at ${ten.resources} resources: (a) ≤ 2× the floor: ${f3(ten.indexMs / ten.floorMs)}× ${pass(ten.indexMs <= 2 * ten.floorMs)}; ` +
        `(b) ≤ 0.02× (a): ${f3(ten.pullMs / ten.indexMs)}× ${pass(ten.pullMs <= 0.02 * ten.indexMs)} ` +
        `(long poll ${f3(ten.pollMs / ten.indexMs)}× ${pass(ten.pollMs <= 0.02 * ten.indexMs)}); ` +
        `(d) RSS ≤ 400 MiB: ${f0(ten.hwmMiB)} MiB peak ${pass(ten.hwmMiB <= 400)}.`,
      '',
    );
  if (rows.length > 1) {
    const a = rows[0];
    out.push(
      'Growth against the smallest size: ' +
        rows
          .slice(1)
          .map(
            (r) =>
              `${(r.resources / a.resources) | 0}× the resources: index ${(r.indexMs / a.indexMs).toFixed(1)}×, ` +
              `floor ${(r.floorMs / a.floorMs).toFixed(1)}×, edit ${(r.pullMs / a.pullMs).toFixed(1)}×, ` +
              `RSS ${(r.hwmMiB / a.hwmMiB).toFixed(1)}×`,
          )
          .join('; ') +
        '.',
      '',
    );
  }
  out.push(
    'Seeded and found on the first complete pull: ' +
      rows
        .map(
          (r) =>
            `${r.resources}: ${r.found.files} files reported, ${r.found.diagnostics} diagnostics; invalid enum ` +
            `${r.found.badEnum}/${r.seeded.badEnum}, missing subset ${r.found.badSubset}/${r.seeded.badSubset}, ` +
            `gateway not in the workspace ${r.found.badGateway}/${r.seeded.badGateway}`,
        )
        .join('; ') +
      '.',
    '',
  );
  return out.join('\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const deadline = setTimeout(() => {
    console.error('workspace bench: deadline reached');
    process.exit(2);
  }, 40 * 60_000);
  deadline.unref();
  process.on('exit', () => {
    for (const c of live) c.kill();
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? '?',
    loadavg: loadavg()
      .map((x) => x.toFixed(1))
      .join(' '),
  };
  if (args.profile) return profile(args);
  const rows = [];
  for (const files of args.files) {
    const dir = join(outDir, 'inputs', `workspace-${files}`);
    const ws = writeMeshWorkspace(dir, files);
    if (meshFile(5).badSubset || meshFile(5).badEnum) throw new Error('app 5 must be clean');
    const { ms: floorMs, cpuMs: floorCpuMs } = floor(dir);
    const runs = args.runs ?? (files >= 4000 ? 1 : 3);
    const timeoutMs = files >= 4000 ? 600_000 : 180_000;
    const samples = [];
    for (let r = 0; r < runs; r++) {
      process.stderr.write(`[workspace ${ws.resources}] run ${r + 1}/${runs} … `);
      const res = await runOnce(dir, ws, args.edits, timeoutMs);
      samples.push(res);
      process.stderr.write(
        `index ${f0(res.indexMs)} ms (floor ${f0(floorMs)}), edit pull ${res.pullMs.map(f0).join('/')} ms, ` +
          `long poll ${res.pollMs.map(f0).join('/')} ms, definition ${f1(res.definitionMs)} ms, ` +
          `references ${f1(res.referencesMs)} ms, RSS ${f0(res.rssIndexMiB)}/${f0(res.hwmMiB)} MiB, ` +
          `found ${JSON.stringify(res.found)}\n`,
      );
      if (!res.navigationOk) throw new Error('definition or references did not reach the other file');
      for (const key of ['badEnum', 'badSubset', 'badGateway'])
        if (res.found[key] !== ws.seeded[key])
          throw new Error(`${key}: ${res.found[key]} found, ${ws.seeded[key]} seeded`);
    }
    const med = (f) => median(samples.map(f));
    rows.push({
      files,
      resources: ws.resources,
      seeded: ws.seeded,
      found: samples[0].found,
      runs,
      floorMs,
      floorCpuMs,
      indexMs: med((x) => x.indexMs),
      readMs: med((x) => x.readMs),
      indexCpuMs: med((x) => x.indexCpuMs),
      pullMs: median(samples.flatMap((x) => x.pullMs)),
      pollMs: median(samples.flatMap((x) => x.pollMs)),
      editCpuMs: med((x) => x.editCpuMs),
      definitionMs: med((x) => x.definitionMs),
      referencesMs: med((x) => x.referencesMs),
      rssIndexMiB: med((x) => x.rssIndexMiB),
      rssEndMiB: med((x) => x.rssEndMiB),
      hwmMiB: med((x) => x.hwmMiB),
    });
  }
  const md = toMarkdown(meta, rows);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'workspace.md'), md);
  writeFileSync(join(outDir, 'workspace.json'), JSON.stringify({ meta, rows }, null, 1) + '\n');
  process.stdout.write(md + `\n(written to ${join(outDir, 'workspace.md')} and workspace.json)\n`);
  process.exit(0);
}

/** --profile: one run per size under --cpu-prof; the hot functions of the index and of the edits. */
async function profile(args) {
  const md = ['# Where the server spends the workspace benchmark', ''];
  for (const files of args.files) {
    const dir = join(outDir, 'inputs', `workspace-${files}`);
    const ws = writeMeshWorkspace(dir, files);
    const profDir = join(outDir, 'profiles', `workspace-${files}`);
    rmSync(profDir, { recursive: true, force: true });
    const res = await runOnce(dir, ws, args.edits, 600_000, profDir);
    const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no .cpuprofile in ${profDir}`);
    const prof = join(profDir, file);
    md.push(`## ${ws.resources} resources (index ${f0(res.indexMs)} ms under the profiler)`, '');
    md.push(profileMarkdown('index → complete diagnostics', analyze(prof, res.windows.index, root)));
    md.push(
      profileMarkdown(
        `${res.windows.edits.length} edits → diagnostics`,
        analyze(prof, res.windows.edits, root),
      ),
    );
    md.push(`Profile: ${prof}`, '');
  }
  const text = md.join('\n');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'workspace-profile.md'), text);
  process.stdout.write(text + '\n');
  process.exit(0);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
