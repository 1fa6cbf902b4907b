import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { IstioSettings } from '../../../shared/src/protocol';
import { IstioService } from '../service/index';
import { schemaView, type ClusterSchemaInput } from './clusterSchemas';

/**
 * The per-file phase of the CLI (parse + single-document checks) on worker threads. The main thread reads
 * the files, hands them out in batches, and puts each file's diagnostics back in the file's own slot, so
 * the merged result does not depend on how many workers ran or which finished first. Cross-resource
 * checks, which need every file, run in the main thread afterwards.
 *
 * The worker runs the same script as the CLI (dist/cli.js, or this file under tsx): when this module is
 * loaded on a thread started with WORKER_TAG in its workerData, it serves batches instead.
 */

export interface FileInput {
  uri: string;
  text: string;
  /** The file's cross-resource diagnostics, found beforehand over the whole workspace. */
  cross?: Diagnostic[];
}

export interface EngineConfig {
  schemasDir: string;
  settings: IstioSettings;
  /** With --context: the cluster's CRDs, which every thread's engine validates with. */
  cluster?: ClusterSchemaInput;
}

export interface RunConfig extends EngineConfig {
  jobs: number;
  /** The main thread's engine: it checks everything with one job, and what a failed worker left. */
  service: IstioService;
  /** Internal errors of the engine and worker failures (stderr in the CLI). */
  log: (message: string) => void;
}

/** From this many files on, the CLI uses more than one thread unless --jobs says otherwise. */
export const PARALLEL_THRESHOLD = 500;
const MAX_DEFAULT_JOBS = 8;
const WORKER_TAG = 'istio-lint-worker/1';

export function defaultJobs(files: number, cores = availableParallelism()): number {
  return files >= PARALLEL_THRESHOLD ? Math.max(1, Math.min(cores, MAX_DEFAULT_JOBS)) : 1;
}

/** Checks files one after another with one engine; each file's parse is dropped once it is checked. */
export function checkBatch(
  service: IstioService,
  files: readonly FileInput[],
  settings: IstioSettings,
): Diagnostic[][] {
  return files.map((f) => {
    const diagnostics = service.fileDiagnostics(service.snapshot(f.uri, 1, f.text), settings, f.cross ?? []);
    service.close(f.uri);
    return diagnostics;
  });
}

type ToWorker = { type: 'batch'; id: number; files: FileInput[] } | { type: 'stop' };
type FromWorker =
  { type: 'result'; id: number; diagnostics: Diagnostic[][] } | { type: 'log'; message: string };

interface WorkerInit extends EngineConfig {
  tag: typeof WORKER_TAG;
}

interface Batch {
  id: number;
  start: number;
  end: number;
}

/** Small enough batches that every thread stays busy to the end, large enough that messages stay few. */
function batches(n: number, jobs: number): Batch[] {
  const size = Math.max(1, Math.min(32, Math.ceil(n / (jobs * 16))));
  const out: Batch[] = [];
  for (let start = 0; start < n; start += size)
    out.push({ id: out.length, start, end: Math.min(n, start + size) });
  return out;
}

/** Batches a worker holds at once, so that it never waits while the main thread is busy with its own. */
const IN_FLIGHT = 2;

/**
 * Diagnostics of every file, in the order of `files`. With N jobs the main thread is one of them and
 * N - 1 worker threads are the others: each engine compiles its schemas once, so no thread idles.
 */
export async function checkFiles(files: readonly FileInput[], config: RunConfig): Promise<Diagnostic[][]> {
  const jobs = Math.min(Math.max(1, Math.floor(config.jobs)), files.length);
  if (jobs <= 1) return checkBatch(config.service, files, config.settings);

  const out: Diagnostic[][] = new Array<Diagnostic[]>(files.length);
  const place = (b: Batch, d: Diagnostic[][]): void => d.forEach((x, i) => (out[b.start + i] = x));
  const run = (b: Batch): void =>
    place(b, checkBatch(config.service, files.slice(b.start, b.end), config.settings));
  const queue = batches(files.length, jobs);
  const orphaned: Batch[] = [];
  const init: WorkerInit = {
    tag: WORKER_TAG,
    schemasDir: config.schemasDir,
    settings: config.settings,
    cluster: config.cluster,
  };
  const exited: Promise<void>[] = [];
  for (let k = 1; k < jobs; k++) {
    const worker = new Worker(__filename, { workerData: init });
    const inFlight = new Map<number, Batch>();
    const feed = (): void => {
      while (inFlight.size < IN_FLIGHT && queue.length) {
        const b = queue.shift()!;
        inFlight.set(b.id, b);
        worker.postMessage({
          type: 'batch',
          id: b.id,
          files: files.slice(b.start, b.end),
        } satisfies ToWorker);
      }
      if (!inFlight.size) worker.postMessage({ type: 'stop' } satisfies ToWorker);
    };
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'log') return config.log(m.message);
      const b = inFlight.get(m.id);
      if (!b) return;
      inFlight.delete(m.id);
      place(b, m.diagnostics);
      feed();
    });
    worker.on('error', (err: Error) => {
      config.log(
        `istio-lint: a worker thread failed (${err.message}); its files are checked in the main thread`,
      );
    });
    exited.push(
      new Promise<void>((resolve) =>
        worker.on('exit', () => {
          orphaned.push(...inFlight.values());
          inFlight.clear();
          resolve();
        }),
      ),
    );
    feed();
  }
  // The main thread takes batches too, letting the event loop turn between them to feed the workers.
  while (queue.length) {
    run(queue.shift()!);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(exited);
  // What failed workers left behind.
  for (const b of orphaned) run(b);
  return out;
}

function isWorkerInit(data: unknown): data is WorkerInit {
  return typeof data === 'object' && data !== null && (data as { tag?: unknown }).tag === WORKER_TAG;
}

function serve(init: WorkerInit): void {
  const port = parentPort;
  if (!port) return;
  const service = new IstioService({
    schemasDir: init.schemasDir,
    log: (message) => port.postMessage({ type: 'log', message } satisfies FromWorker),
  });
  if (init.cluster) service.useCluster(schemaView(init.cluster));
  port.on('message', (m: ToWorker) => {
    if (m.type === 'stop') return port.close();
    const diagnostics = checkBatch(service, m.files, init.settings);
    port.postMessage({ type: 'result', id: m.id, diagnostics } satisfies FromWorker);
  });
}

if (!isMainThread && isWorkerInit(workerData)) serve(workerData);
