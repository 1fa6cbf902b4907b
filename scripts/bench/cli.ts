// CLI throughput: resources per second of `istio-lint` (dist/cli.js) on a generated mesh workspace, with
// one thread and with two (--jobs 1 / --jobs 2). Each run is a fresh process, as in CI, so start-up and
// schema compilation are included. Besides wall time it records CPU time per thread (cpu-usage.js), which
// shows how the work splits even when a loaded machine cannot give the process two cores.
// Writes bench/results/cli.{md,json}.
//   node --import tsx scripts/bench/cli.ts [--files 1000] [--runs 3]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeMeshWorkspace } from './mesh';

const root = join(__dirname, '..', '..');
const outDir = join(root, 'bench', 'results');
const cli = join(root, 'dist', 'cli.js');

interface Sample {
  wallMs: number;
  /** The whole process: every thread, V8's compiler and GC helpers included. */
  cpuMs: number;
  /** The main JavaScript thread alone, and the busiest worker thread (0 with one job). */
  mainMs: number;
  workerMs: number;
  stdout: string;
}

interface ThreadRecord {
  main: boolean;
  threadMs: number;
  processMs?: number;
}

function once(dir: string, jobs: number): Sample {
  const cpuDir = join(tmpdir(), `istio-bench-cpu-${process.pid}`);
  rmSync(cpuDir, { recursive: true, force: true });
  mkdirSync(cpuDir);
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    ['-r', join(__dirname, 'cpu-usage.js'), cli, '--format', 'json', '--jobs', String(jobs), dir],
    {
      encoding: 'utf8',
      env: { ...process.env, ISTIO_BENCH_CPU_FILE: join(cpuDir, 'cpu') },
      maxBuffer: 1 << 28,
    },
  );
  const wallMs = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`istio-lint exited ${r.status}: ${r.stderr}`);
  const threads = readdirSync(cpuDir).map(
    (f) => JSON.parse(readFileSync(join(cpuDir, f), 'utf8')) as ThreadRecord,
  );
  rmSync(cpuDir, { recursive: true, force: true });
  const main = threads.find((t) => t.main);
  if (main?.processMs === undefined) throw new Error('no CPU record from the main thread');
  const workers = threads.filter((t) => !t.main).map((t) => t.threadMs);
  return {
    wallMs,
    cpuMs: main.processMs,
    mainMs: main.threadMs,
    workerMs: Math.max(0, ...workers),
    stdout: r.stdout,
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const sec = (ms: number): string => (ms / 1000).toFixed(2);

function main(): void {
  const argv = process.argv.slice(2);
  const opt = (name: string, d: number): number => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : d;
  };
  const files = opt('--files', 1000);
  const runs = opt('--runs', 3);
  if (!existsSync(cli)) throw new Error('dist/cli.js does not exist (run npm run build)');
  const dir = join(outDir, 'inputs', `mesh-${files}`);
  const ws = writeMeshWorkspace(dir, files);
  const rows: (Omit<Sample, 'stdout'> & { jobs: number; resourcesPerSecond: number; findings: number })[] =
    [];
  let reference: string | undefined;
  for (const jobs of [1, 2]) {
    const samples: Sample[] = [];
    for (let r = 0; r < runs; r++) {
      const s = once(dir, jobs);
      reference ??= s.stdout;
      if (s.stdout !== reference) throw new Error(`--jobs ${jobs} gave different output from --jobs 1`);
      samples.push(s);
      process.stderr.write(
        `[cli ${files} files] --jobs ${jobs} run ${r + 1}/${runs}: ${s.wallMs.toFixed(0)} ms wall, ` +
          `CPU ${s.cpuMs.toFixed(0)} ms (main thread ${s.mainMs}, worker ${s.workerMs})\n`,
      );
    }
    const wallMs = median(samples.map((s) => s.wallMs));
    rows.push({
      jobs,
      wallMs,
      cpuMs: median(samples.map((s) => s.cpuMs)),
      mainMs: median(samples.map((s) => s.mainMs)),
      workerMs: median(samples.map((s) => s.workerMs)),
      resourcesPerSecond: ws.resources / (wallMs / 1000),
      findings: (JSON.parse(samples[0].stdout) as unknown[]).length,
    });
  }
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    loadavg: loadavg()
      .map((x) => x.toFixed(1))
      .join(' '),
  };
  const md = [
    `### CLI throughput (${ws.files} files, ${ws.resources} resources)`,
    '',
    `Node ${meta.node}, ${meta.cpus} cores, load average ${meta.loadavg}; median of ${runs} fresh processes per row; ` +
      'the output is identical in every run.',
    '',
    '| --jobs | wall (s) | resources / s | speed-up | CPU, process (s) | CPU, main thread (s) | CPU, worker thread (s) | findings |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.jobs} | ${sec(r.wallMs)} | ${Math.round(r.resourcesPerSecond)} | ${(rows[0].wallMs / r.wallMs).toFixed(2)}× | ` +
        `${sec(r.cpuMs)} | ${sec(r.mainMs)} | ${r.jobs > 1 ? sec(r.workerMs) : '–'} | ${r.findings} |`,
    ),
    '',
  ].join('\n');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'cli.md'), md);
  writeFileSync(join(outDir, 'cli.json'), JSON.stringify({ meta, workspace: ws, rows }, null, 1) + '\n');
  process.stdout.write(md);
}

main();
