import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterStatus } from '../../shared/src/protocol';
import { DEFAULT_CLUSTER_SETTINGS } from '../../shared/src/protocol';
import { Backoff } from '../../server/src/cluster/backoff';
import { ClusterConnection, type ConnectionInputs } from '../../server/src/cluster/connection';

/** A connection under test: every status and log line it produces, and a way to wait for one. */
export class Probe {
  readonly statuses: ClusterStatus[] = [];
  readonly logs: string[] = [];
  readonly conn: ClusterConnection;
  private waiters: (() => void)[] = [];

  constructor(kubeconfigFile: string | undefined, opts: { timeoutMs?: number; execTimeoutMs?: number } = {}) {
    this.conn = new ClusterConnection({
      log: (m) => this.logs.push(m),
      onStatus: (s) => {
        this.statuses.push(s);
        this.wake();
      },
      env: { KUBECONFIG: kubeconfigFile ?? '', home: '/nonexistent' },
      timeoutMs: opts.timeoutMs ?? 2000,
      execTimeoutMs: opts.execTimeoutMs ?? 3000,
      // Fast retries keep the tests short; the production backoff is tested on its own.
      backoff: () => new Backoff(50, 400, 0.2),
      watchSeconds: () => 30,
    });
    this.conn.store.onDidChange(() => this.wake());
  }

  start(inputs: Partial<ConnectionInputs> = {}): void {
    this.conn.update({ settings: DEFAULT_CLUSTER_SETTINGS, trusted: true, disconnected: false, ...inputs });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when `pred` holds, re-checked on every status and store change (no polling). */
  until(pred: () => boolean, what: string, ms = 20_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () =>
          reject(new Error(`timed out waiting for ${what}; last status ${JSON.stringify(this.conn.status)}`)),
        ms,
      );
      const check = (): void => {
        if (pred()) {
          clearTimeout(t);
          resolve();
        } else this.waiters.push(check);
      };
      check();
    });
  }

  state(s: ClusterStatus['state']): Promise<void> {
    return this.until(() => this.conn.status.state === s, `state ${s}`);
  }

  stop(): Promise<void> {
    return this.conn.stop();
  }
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'cluster-'));
}

export function writeJson(dir: string, name: string, value: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(value), { mode: 0o600 });
  return p;
}

/** A real executable exec credential plugin (a node program). */
export function execPlugin(dir: string, name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, `#!${process.execPath}\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

const ROOT = join(__dirname, '..', '..');

/**
 * Runs the bundled CLI (dist/cli.js, the esbuild output, on this Node) from the repository root with
 * KUBECONFIG cleared unless `env` sets it; resolves with its exit code, output and duration.
 */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], {
      env: { ...process.env, KUBECONFIG: '', ...env },
      cwd: ROOT,
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - t0 }));
  });
}
