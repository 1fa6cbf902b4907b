import { readFileSync } from 'node:fs';
import type * as http from 'node:http';
import * as nodeHttp from 'node:http';
import * as https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { runExecPlugin, type ExecCredential } from './exec';
import type { Transport } from './http';
import { KubeconfigError, type Raw, type ResolvedContext } from './kubeconfig';
import type { Redactor } from './redact';

/**
 * Builds the transport for one context with @kubernetes/client-node: it turns the kubeconfig's
 * cluster and user into an https agent (CA data or file, client certificate and key,
 * insecure-skip-tls-verify, tls-server-name, proxy-url over http(s) or socks) and request headers
 * (bearer token, basic auth, impersonation, auth-provider). Exec plugins are run here instead of in
 * the library, which has no time limit for them. Every secret met is handed to the redactor first.
 */
export interface TransportOptions {
  timeoutMs: number;
  execTimeoutMs: number;
  redactor: Redactor;
}

export interface BuiltTransport extends Transport {
  /** When the exec credential runs out (ms since the epoch). */
  expires?: number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

export async function buildTransport(ctx: ResolvedContext, opts: TransportOptions): Promise<BuiltTransport> {
  const user: Raw = { ...ctx.user };
  const r = opts.redactor;
  r.add(
    str(user.token),
    str(user.password),
    str(user['client-key-data']),
    str(user['client-certificate-data']),
  );
  const tokenFile = str(user.tokenFile);
  delete user.tokenFile;
  if (tokenFile && !str(user.token)) {
    try {
      user.token = readFileSync(tokenFile, 'utf8').trim();
      r.add(user.token as string);
    } catch (err) {
      throw new KubeconfigError(
        `tokenFile ${tokenFile} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        'invalid-kubeconfig',
      );
    }
  }
  let cred: ExecCredential | undefined;
  if (user.exec && typeof user.exec === 'object') {
    const exec = user.exec as Raw;
    delete user.exec;
    cred = await runExecPlugin(exec, { timeoutMs: opts.execTimeoutMs, cluster: ctx.cluster });
    r.add(cred.token, cred.clientCertificateData, cred.clientKeyData);
    if (cred.token) user.token = cred.token;
    if (cred.clientCertificateData && cred.clientKeyData) {
      user['client-certificate-data'] = Buffer.from(cred.clientCertificateData).toString('base64');
      user['client-key-data'] = Buffer.from(cred.clientKeyData).toString('base64');
    }
  }
  const server = str(ctx.cluster.server) ?? '';
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new KubeconfigError(
      `cluster "${ctx.clusterName}" has a server that is not a URL`,
      'invalid-kubeconfig',
    );
  }
  const cluster: Raw = { ...ctx.cluster };
  // The library refuses plain http unless TLS checks are off; over http there is no TLS to check.
  if (url.protocol === 'http:') cluster['insecure-skip-tls-verify'] = true;
  const kc = new KubeConfig();
  const opts2: { headers?: Record<string, string>; agent?: http.Agent } = {};
  try {
    kc.loadFromString(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: ctx.clusterName, cluster }],
        users: [{ name: 'user', user }],
        contexts: [{ name: ctx.name, context: { cluster: ctx.clusterName, user: 'user' } }],
        'current-context': ctx.name,
      }),
    );
    await kc.applyToHTTPSOptions(opts2);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why =
      e.code === 'ENOENT'
        ? `a file it names does not exist (${e.path ?? ''})`
        : r.redact(e.message.split('\n')[0]);
    throw new KubeconfigError(`context "${ctx.name}" cannot be used: ${why}`, 'invalid-kubeconfig');
  }
  if (!opts2.agent) throw new KubeconfigError(`context "${ctx.name}" cannot be used`, 'invalid-kubeconfig');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts2.headers ?? {})) {
    if (typeof v === 'string') headers[k] = v;
    if (/^authorization$/i.test(k) && typeof v === 'string') r.add(v, v.replace(/^\S+\s+/, ''));
  }
  const out: BuiltTransport = {
    server: url,
    agent: keepAlive(opts2.agent),
    headers,
    timeoutMs: opts.timeoutMs,
  };
  if (cred?.expires !== undefined) out.expires = cred.expires;
  return out;
}

/**
 * The library's agent without keep-alive costs a TLS handshake per list request; reuse connections
 * (same TLS options). Proxy agents are left as they are.
 */
function keepAlive(agent: http.Agent): http.Agent {
  if (agent.constructor === https.Agent) {
    return new https.Agent({ ...(agent as https.Agent).options, keepAlive: true, maxFreeSockets: 4 });
  }
  if (agent.constructor === nodeHttp.Agent) return new nodeHttp.Agent({ keepAlive: true, maxFreeSockets: 4 });
  return agent;
}

/** The server address for display: no user information, no query. */
export function displayServer(server: unknown): string | undefined {
  if (typeof server !== 'string') return undefined;
  try {
    const u = new URL(server);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return undefined;
  }
}
