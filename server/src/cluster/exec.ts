import { spawn } from 'node:child_process';
import type { Raw } from './kubeconfig';

/**
 * Runs a kubeconfig `exec` credential plugin (client.authentication.k8s.io/v1 and v1beta1) the way
 * kubectl does, with what kubectl lacks for an editor: a time limit that kills the plugin, and errors
 * that never carry its output (which holds the credential). The program is run from an argv array,
 * never through a shell, and only ever when the workspace is trusted (the caller's job).
 */

export interface ExecCredential {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  /** Milliseconds since the epoch; undefined means: valid for this process's lifetime. */
  expires?: number;
}

export class ExecPluginError extends Error {
  constructor(
    message: string,
    readonly reason: 'missing' | 'failed' | 'hung' | 'invalid' | 'interactive',
  ) {
    super(message);
  }
}

const SUPPORTED = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];

export interface ExecOptions {
  timeoutMs: number;
  /** The server and CA of the cluster, for plugins with provideClusterInfo. */
  cluster?: Raw;
}

export function runExecPlugin(exec: Raw, opts: ExecOptions): Promise<ExecCredential> {
  const command = typeof exec.command === 'string' ? exec.command : '';
  const apiVersion = typeof exec.apiVersion === 'string' ? exec.apiVersion : '';
  const args = Array.isArray(exec.args) ? exec.args.filter((a): a is string => typeof a === 'string') : [];
  const name = command.split(/[\\/]/).pop() ?? command;
  if (!command)
    return Promise.reject(new ExecPluginError('the exec credential plugin has no command', 'invalid'));
  if (!SUPPORTED.includes(apiVersion)) {
    return Promise.reject(
      new ExecPluginError(
        `exec plugin ${name}: apiVersion "${apiVersion}" is not supported (use client.authentication.k8s.io/v1)`,
        'invalid',
      ),
    );
  }
  if (exec.interactiveMode === 'Always') {
    return Promise.reject(
      new ExecPluginError(
        `exec plugin ${name} needs a terminal (interactiveMode: Always); run kubectl once in a terminal`,
        'interactive',
      ),
    );
  }
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const e of Array.isArray(exec.env) ? exec.env : []) {
    const x = (e ?? {}) as Raw;
    if (typeof x.name === 'string' && typeof x.value === 'string') env[x.name] = x.value;
  }
  const spec: Raw = { interactive: false };
  if (exec.provideClusterInfo === true && opts.cluster) {
    spec.cluster = {
      server: opts.cluster.server,
      'certificate-authority-data': opts.cluster['certificate-authority-data'],
      'insecure-skip-tls-verify': opts.cluster['insecure-skip-tls-verify'],
      'tls-server-name': opts.cluster['tls-server-name'],
    };
  }
  env.KUBERNETES_EXEC_INFO = JSON.stringify({ apiVersion, kind: 'ExecCredential', spec });
  const hint = typeof exec.installHint === 'string' ? exec.installHint.split('\n')[0].trim() : '';

  return new Promise((resolve, reject) => {
    let stdout = '';
    let done = false;
    const child = spawn(command, args, {
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
      shell: false,
      detached: process.platform !== 'win32',
    });
    const finish = (err: Error | undefined, value?: ExecCredential): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(value as ExecCredential);
    };
    const kill = (): void => {
      try {
        if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      kill();
      finish(
        new ExecPluginError(
          `exec plugin ${name} did not answer within ${Math.round(opts.timeoutMs / 1000)} s and was stopped`,
          'hung',
        ),
      );
    }, opts.timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      stdout += d;
      if (stdout.length > 1 << 20) {
        kill();
        finish(new ExecPluginError(`exec plugin ${name} wrote more than 1 MB`, 'invalid'));
      }
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'EACCES') {
        finish(
          new ExecPluginError(
            `exec plugin ${name} not found${err.code === 'EACCES' ? ' or not executable' : ''}${hint ? `: ${hint}` : ''}`,
            'missing',
          ),
        );
      } else {
        finish(new ExecPluginError(`exec plugin ${name} could not start (${err.code ?? 'error'})`, 'failed'));
      }
    });
    child.on('close', (code, signal) => {
      if (done) return;
      // The plugin's stderr and stdout may hold secrets: only the exit status is reported.
      if (code !== 0)
        return finish(
          new ExecPluginError(
            `exec plugin ${name} failed (${signal ? `signal ${signal}` : `exit code ${code}`})`,
            'failed',
          ),
        );
      try {
        finish(undefined, parseExecCredential(stdout, apiVersion, name));
      } catch (err) {
        finish(err as Error);
      }
    });
  });
}

/** Reads an ExecCredential from the plugin's stdout. */
export function parseExecCredential(stdout: string, apiVersion: string, name = 'plugin'): ExecCredential {
  let doc: Raw;
  try {
    doc = JSON.parse(stdout) as Raw;
  } catch {
    throw new ExecPluginError(`exec plugin ${name} did not print an ExecCredential (not JSON)`, 'invalid');
  }
  if (!doc || typeof doc !== 'object' || doc.kind !== 'ExecCredential') {
    throw new ExecPluginError(`exec plugin ${name} did not print an ExecCredential`, 'invalid');
  }
  if (doc.apiVersion !== apiVersion) {
    throw new ExecPluginError(
      `exec plugin ${name} answered ${String(doc.apiVersion)}, not ${apiVersion}`,
      'invalid',
    );
  }
  const status = (doc.status ?? {}) as Raw;
  const out: ExecCredential = {};
  if (typeof status.token === 'string' && status.token) out.token = status.token;
  if (typeof status.clientCertificateData === 'string')
    out.clientCertificateData = status.clientCertificateData;
  if (typeof status.clientKeyData === 'string') out.clientKeyData = status.clientKeyData;
  if (!out.token && !(out.clientCertificateData && out.clientKeyData)) {
    throw new ExecPluginError(
      `exec plugin ${name} returned neither a token nor a client certificate and key`,
      'invalid',
    );
  }
  if (typeof status.expirationTimestamp === 'string') {
    const t = Date.parse(status.expirationTimestamp);
    if (!Number.isNaN(t)) out.expires = t;
  }
  return out;
}
