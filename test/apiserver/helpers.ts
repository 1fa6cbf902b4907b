// Helpers for the API server conformance tests: a server per test file with its run folder, and
// the real kubectl run against it (argv arrays, its own cache folder, never ~/.kube).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { type ApiServer, type ServerOptions, startApiServer } from '../../scripts/apiserver/index.mjs';

export const SEED = join(__dirname, '..', '..', 'scripts', 'apiserver', 'seeds', 'bookinfo');

/** The real kubectl: /usr/bin/kubectl or the first on PATH. Fails the test (no skip) when absent. */
export function kubectlPath(): string {
  const candidates = [
    '/usr/bin/kubectl',
    ...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'kubectl')),
  ];
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      if (!c.includes(join('test', 'fakes'))) return c;
    } catch {
      /* next */
    }
  }
  assert.fail(
    'kubectl is not installed: the API server conformance test needs the real kubectl (apt-get install kubernetes-client, or the Google Cloud CLI kubectl)',
  );
}

export interface Running {
  server: ApiServer;
  dir: string;
  kubeconfig: string;
  stop(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'apiserver-test-'));
  const server = await startApiServer({ runDir: join(dir, 'run'), name: 'conformance', ...options });
  assert.ok(server.kubeconfigPath);
  return {
    server,
    dir,
    kubeconfig: server.kubeconfigPath,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function kubectlEnv(r: Running): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: r.dir,
    KUBECONFIG: r.kubeconfig,
    KUBECACHEDIR: join(r.dir, 'cache'),
  };
}

/**
 * Runs kubectl (argv array, no shell) against the server, with a timeout. Asynchronous: the
 * server runs in this process and must keep answering while kubectl waits for it.
 */
export function kubectl(r: Running, args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(kubectlPath(), ['--request-timeout=20s', ...args], {
      env: kubectlEnv(r),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** kubectl that must succeed; returns stdout. */
export async function kubectlOk(r: Running, args: string[]): Promise<string> {
  const res = await kubectl(r, args);
  assert.equal(res.status, 0, `kubectl ${args.join(' ')} failed (${res.status}): ${res.stderr}`);
  return res.stdout;
}

/** Starts a long-running kubectl (e.g. get -w); resolves `waitFor(text)` when stdout contains text. */
export function kubectlStream(r: Running, args: string[]) {
  const child = spawn(kubectlPath(), args, { env: kubectlEnv(r), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      if (!out.includes(w.text)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    check();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    get stdout() {
      return out;
    },
    get stderr() {
      return err;
    },
    exited,
    waitFor(text: string, ms = 30_000): Promise<void> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `kubectl ${args.join(' ')} did not print "${text}" within ${ms} ms; stdout: ${out}; stderr: ${err}`,
              ),
            ),
          ms,
        );
        waiters.push({
          text,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
        check();
        void exited.then(() => {
          if (!out.includes(text)) {
            clearTimeout(timer);
            reject(
              new Error(
                `kubectl ${args.join(' ')} exited before printing "${text}"; stdout: ${out}; stderr: ${err}`,
              ),
            );
          }
        });
      });
    },
    kill() {
      child.kill();
    },
  };
}

/** The kubeconfig's contexts: NAME (token admin), NAME-cert (client certificate), NAME-viewer (read-only token). */
export const CTX = { token: 'conformance', cert: 'conformance-cert', viewer: 'conformance-viewer' };

/** Confirms kubectl runs at all (version --client needs no server). */
export function kubectlVersion(): string {
  const p = spawnSync(kubectlPath(), ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  assert.equal(p.status, 0, p.stderr);
  return (JSON.parse(p.stdout) as { clientVersion: { gitVersion: string } }).clientVersion.gitVersion;
}
