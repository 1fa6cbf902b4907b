/**
 * Runs one external process (istioctl or kubectl) from an argv array: never through a shell, always
 * with a timeout, cancellable, and with the whole process tree stopped on timeout or cancel.
 * Pure Node; no `vscode` import.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface RunOptions {
  /** Stop the process (tree) after this long. */
  timeoutMs: number;
  /** Aborting stops the process (tree). */
  signal?: AbortSignal;
  cwd?: string;
  /** Defaults to the current process.env, read when the process starts. */
  env?: NodeJS.ProcessEnv;
  /** Called for every complete line of output (and the last partial line at the end). */
  onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
  /** Bytes of stdout kept in the result; more is dropped and `truncated` set. Default 64 MiB. */
  maxStdoutBytes?: number;
  /** Grace period between SIGTERM and SIGKILL. Default 2 s. */
  killGraceMs?: number;
  /** Written to the process's stdin, which is then closed (`kubectl apply -f -`). Default: no stdin. */
  input?: string;
}

export interface ProcessResult {
  command: string;
  args: readonly string[];
  /** Exit code, or null when the process was killed by a signal or never started. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  cancelled: boolean;
  truncated: boolean;
  /** Set when the process could not be started (ENOENT, EACCES …). */
  spawnError?: NodeJS.ErrnoException;
  durationMs: number;
}

export function succeeded(r: ProcessResult): boolean {
  return r.code === 0 && !r.timedOut && !r.cancelled && !r.spawnError;
}

/** The last `n` non-empty lines of a text. */
export function tail(text: string, n = 12): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.slice(-n).join('\n');
}

/** One line saying how a run ended, for messages and the log. */
export function describeOutcome(r: ProcessResult): string {
  if (r.spawnError) return `could not start ${r.command}: ${r.spawnError.code ?? r.spawnError.message}`;
  if (r.cancelled) return 'cancelled';
  if (r.timedOut) return `timed out after ${Math.round(r.durationMs / 1000)} s and was stopped`;
  if (r.signal) return `killed by ${r.signal}`;
  return `exit code ${String(r.code)}`;
}

/**
 * Stops a process and everything it started. On POSIX the child was spawned `detached`, so it leads its
 * own process group and `kill(-pid)` reaches its children too; on Windows `taskkill /T` walks the tree.
 */
export function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  const pid = child.pid;
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    const k = spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    k.on('error', () => undefined);
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

class LineSplitter {
  private rest = '';
  constructor(private readonly emit: (line: string) => void) {}
  push(chunk: string): void {
    const text = this.rest + chunk;
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    for (const l of lines) this.emit(l.endsWith('\r') ? l.slice(0, -1) : l);
  }
  end(): void {
    if (this.rest) this.emit(this.rest);
    this.rest = '';
  }
}

/** Processes started by `runProcess` that have not ended yet, so that deactivation can stop them. */
export class ProcessRegistry {
  private readonly live = new Set<ChildProcess>();
  add(child: ChildProcess): void {
    this.live.add(child);
    child.once('exit', () => this.live.delete(child));
  }
  get size(): number {
    return this.live.size;
  }
  killAll(): void {
    for (const c of this.live) killTree(c, 'SIGKILL');
    this.live.clear();
  }
}

export function runProcess(
  command: string,
  args: readonly string[],
  opts: RunOptions,
  registry?: ProcessRegistry,
): Promise<ProcessResult> {
  const started = Date.now();
  const maxStdout = opts.maxStdoutBytes ?? 64 * 1024 * 1024;
  return new Promise<ProcessResult>((resolve) => {
    let stdout = '';
    let stdoutBytes = 0;
    let stderr = '';
    let truncated = false;
    let timedOut = false;
    let cancelled = false;
    let settled = false;
    let spawnError: NodeJS.ErrnoException | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let closeTimer: NodeJS.Timeout | undefined;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;

    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      clearTimeout(closeTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      outSplit.end();
      errSplit.end();
      resolve({
        command,
        args,
        code: exit?.code ?? null,
        signal: exit?.signal ?? null,
        stdout,
        stderr,
        timedOut,
        cancelled,
        truncated,
        spawnError,
        durationMs: Date.now() - started,
      });
    };

    const outSplit = new LineSplitter((l) => opts.onLine?.('stdout', l));
    const errSplit = new LineSplitter((l) => opts.onLine?.('stderr', l));

    let child: ChildProcess;
    try {
      child = spawn(command, [...args], {
        cwd: opts.cwd,
        env: opts.env ?? process.env,
        shell: false,
        detached: process.platform !== 'win32',
        windowsHide: true,
        stdio: [opts.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      });
      if (opts.input !== undefined && child.stdin) {
        // A process that exits without reading its stdin makes the write fail (EPIPE): not an error here.
        child.stdin.on('error', () => undefined);
        child.stdin.end(opts.input, 'utf8');
      }
    } catch (err) {
      // spawn throws synchronously only for bad arguments (for example a NUL byte in a path).
      settled = true;
      resolve({
        command,
        args,
        code: null,
        signal: null,
        stdout: '',
        stderr: '',
        timedOut: false,
        cancelled: false,
        truncated: false,
        spawnError: err as NodeJS.ErrnoException,
        durationMs: Date.now() - started,
      });
      return;
    }
    registry?.add(child);

    const stop = (): void => {
      killTree(child, 'SIGTERM');
      killTimer = setTimeout(() => killTree(child, 'SIGKILL'), opts.killGraceMs ?? 2000);
    };
    const onAbort = (): void => {
      if (exit || settled) return;
      cancelled = true;
      stop();
    };
    const timer = setTimeout(() => {
      if (exit || settled) return;
      timedOut = true;
      stop();
    }, opts.timeoutMs);

    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      const bytes = Buffer.byteLength(chunk);
      if (stdoutBytes + bytes <= maxStdout) stdout += chunk;
      else truncated = true;
      stdoutBytes += bytes;
      outSplit.push(chunk);
    });
    child.stderr?.on('data', (chunk: string) => {
      // stderr is for messages; keep the last 1 MiB only.
      stderr = (stderr + chunk).slice(-1024 * 1024);
      errSplit.push(chunk);
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      spawnError = err;
      finish();
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // A grandchild that inherited the pipes could keep them open: do not wait for it forever.
      closeTimer = setTimeout(finish, 1000);
    });
    child.on('close', (code, signal) => {
      exit ??= { code, signal };
      finish();
    });
  });
}
