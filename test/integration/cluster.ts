// The test API server (scripts/apiserver) for the real-editor suites: a child process of the
// extension host, seeded with the bookinfo cluster, its kubeconfig and control API in a temporary
// folder; and the real kubectl against it (argv arrays, asynchronous, HOME and KUBECACHEDIR of
// that folder, never ~/.kube). Expected cluster state is read back with kubectl, the oracle.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { extension } from './helpers';

export interface TestCluster {
  dir: string;
  url: string;
  context: string;
  kubeconfig: string;
  /** Environment for kubectl and for the extension host while a suite runs. */
  env: { KUBECONFIG: string; HOME: string; KUBECACHEDIR: string };
  /** Calls the control API (faults, refuse/accept connections, objects). */
  control(method: string, route: string, body?: string): Promise<unknown>;
  stop(): Promise<void>;
}

/** The real kubectl: the first on PATH that is not the scripted fake of test/fakes. */
export function realKubectl(): string {
  const dirs = ['/usr/bin', ...(process.env.PATH ?? '').split(path.delimiter)];
  for (const d of dirs) {
    if (!d || d.includes(path.join('test', 'fakes'))) continue;
    const p = path.join(d, 'kubectl');
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  assert.fail('the real kubectl is not installed (these tests need it, against the test API server)');
}

/** PATH without the fakes' folder, so the extension finds the real kubectl. */
export function pathWithoutFakes(p = process.env.PATH ?? ''): string {
  return p
    .split(path.delimiter)
    .filter((d) => d && !d.includes(path.join('test', 'fakes')))
    .join(path.delimiter);
}

function waitFor(ready: () => boolean, child: ChildProcess, err: () => string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (ready()) return resolve();
      if (child.exitCode !== null) return reject(new Error(`the test API server exited: ${err()}`));
      if (Date.now() > deadline)
        return reject(new Error(`the test API server did not start in ${ms / 1000}s: ${err()}`));
      setTimeout(tick, 50);
    };
    tick();
  });
}

/** Starts the test API server (node scripts/apiserver/main.mjs) seeded with bookinfo. */
export async function startTestCluster(context = 'test-cluster'): Promise<TestCluster> {
  const root = extension().extensionPath;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-cluster-'));
  const run = path.join(dir, 'run');
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'scripts', 'apiserver', 'main.mjs'),
      '--seed',
      path.join(root, 'scripts', 'apiserver', 'seeds', 'bookinfo'),
      '--dir',
      run,
      '--name',
      context,
    ],
    {
      // The extension host may be Electron: run its binary as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const controlFile = path.join(run, 'control.json');
  // main.mjs prints the URL, then the kubeconfig and control.json paths, once both are written.
  await waitFor(
    () => /^control: /m.test(out),
    child,
    () => out,
  );
  const kubeconfig = path.join(run, 'kubeconfig');
  const ctl = JSON.parse(fs.readFileSync(controlFile, 'utf8')) as { url: string; token: string };
  const url = out.split('\n')[0].trim();
  fs.mkdirSync(path.join(dir, 'home'));
  return {
    dir,
    url,
    context,
    kubeconfig,
    env: { KUBECONFIG: kubeconfig, HOME: path.join(dir, 'home'), KUBECACHEDIR: path.join(dir, 'cache') },
    async control(method, route, body) {
      const res = await fetch(`${ctl.url}${route}`, {
        method,
        headers: { Authorization: `Bearer ${ctl.token}` },
        ...(body !== undefined ? { body } : {}),
      });
      const json: unknown = await res.json();
      assert.ok(res.ok, `control ${method} ${route}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface KubectlResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real kubectl against the cluster (asynchronously: the editor keeps running). */
export function kubectl(c: TestCluster, args: string[]): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(realKubectl(), ['--request-timeout=20s', ...args], {
      env: { PATH: process.env.PATH, ...c.env },
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

/** kubectl … -o json that must succeed, parsed. */
export async function kubectlJson<T>(c: TestCluster, args: string[]): Promise<T> {
  const r = await kubectl(c, [...args, '-o', 'json']);
  assert.equal(r.status, 0, `kubectl ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** Sets the cluster's variables (and PATH without the fakes) in this process; returns a restore. */
export function useClusterEnv(c: TestCluster): () => void {
  const keys = ['KUBECONFIG', 'HOME', 'KUBECACHEDIR', 'PATH'] as const;
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  Object.assign(process.env, c.env);
  process.env.PATH = pathWithoutFakes();
  return () => {
    for (const k of keys) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  };
}
