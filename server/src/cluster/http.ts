import * as http from 'node:http';
import * as https from 'node:https';

/**
 * The two requests the cluster code makes, on node's own http(s) with the agent and headers that
 * @kubernetes/client-node built from the kubeconfig: GET a JSON document, and GET a watch stream.
 * Each has a deadline (the request timeout, at most 5 s, until the response headers arrive; a watch
 * also has an idle limit), so a slow or silent API server turns into an error, never a hang.
 */

export interface Transport {
  server: URL;
  agent: http.Agent;
  headers: Record<string, string>;
  timeoutMs: number;
}

export type FailureReason =
  | 'refused'
  | 'unreachable'
  | 'timeout'
  | 'dns'
  | 'tls'
  | 'reset'
  | 'unauthorized'
  | 'forbidden'
  | 'notfound'
  | 'gone'
  | 'http'
  | 'other';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly reason: FailureReason,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** True for failures of the network path, as opposed to answers of the API server. */
export const isNetworkFailure = (r: FailureReason): boolean =>
  r === 'refused' || r === 'unreachable' || r === 'timeout' || r === 'dns' || r === 'tls' || r === 'reset';

const TLS_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS|ERR_SSL|EPROTO|HOSTNAME_MISMATCH)/;

export function classifyNetworkError(err: NodeJS.ErrnoException, server: URL): ApiError {
  const where = server.host;
  const code = err.code ?? '';
  if (code === 'ECONNREFUSED') return new ApiError(`connection refused by ${where}`, 'refused');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new ApiError(`host ${server.hostname} not found`, 'dns');
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return new ApiError(`${where} is unreachable`, 'unreachable');
  if (code === 'ETIMEDOUT') return new ApiError(`connection to ${where} timed out`, 'timeout');
  if (TLS_CODES.test(code)) return new ApiError(`TLS with ${where} failed (${code})`, 'tls');
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/.test(err.message)) {
    return new ApiError(`connection to ${where} was dropped`, 'reset');
  }
  return new ApiError(`request to ${where} failed (${code || err.message.split('\n')[0]})`, 'other');
}

/** Maps an error answer (a Kubernetes Status, or anything else) to an ApiError. */
export function statusError(code: number, body: string, what: string): ApiError {
  let message = '';
  try {
    const s = JSON.parse(body) as { kind?: string; message?: unknown };
    if (s && s.kind === 'Status' && typeof s.message === 'string') message = s.message;
  } catch {
    // not a Status
  }
  const reason: FailureReason =
    code === 401
      ? 'unauthorized'
      : code === 403
        ? 'forbidden'
        : code === 404
          ? 'notfound'
          : code === 410
            ? 'gone'
            : 'http';
  const text =
    code === 401
      ? 'the API server refused the credentials (401 Unauthorized)'
      : message || `${what} answered HTTP ${code}`;
  return new ApiError(text.slice(0, 300), reason, code);
}

function url(t: Transport, path: string): URL {
  const u = new URL(t.server.toString());
  u.pathname = u.pathname.replace(/\/$/, '') + path.split('?')[0];
  u.search = path.includes('?') ? path.slice(path.indexOf('?')) : '';
  return u;
}

interface Open {
  res: http.IncomingMessage;
  req: http.ClientRequest;
}

/** Sends a GET and resolves with the response once its headers arrive within the timeout. */
function open(t: Transport, path: string, signal?: AbortSignal): Promise<Open> {
  return new Promise((resolve, reject) => {
    const u = url(t, path);
    const mod = u.protocol === 'http:' ? http : https;
    let settled = false;
    const fail = (e: ApiError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(e);
    };
    const req = mod.request(u, {
      method: 'GET',
      agent: t.agent,
      headers: { Accept: 'application/json', 'User-Agent': 'istio-authoring', ...t.headers },
    });
    const timer = setTimeout(
      () => fail(new ApiError(`no answer from ${t.server.host} within ${t.timeoutMs / 1000} s`, 'timeout')),
      t.timeoutMs,
    );
    const onAbort = (): void => fail(new ApiError('cancelled', 'other'));
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err) => {
      signal?.removeEventListener('abort', onAbort);
      fail(classifyNetworkError(err, t.server));
    });
    req.on('response', (res) => {
      signal?.removeEventListener('abort', onAbort);
      if (settled) return void res.destroy();
      settled = true;
      clearTimeout(timer);
      resolve({ res, req });
    });
    req.end();
  });
}

function readBody(o: Open, limit: number, t: Transport, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      o.req.destroy();
      reject(
        new ApiError(
          `the answer from ${t.server.host} did not finish within ${(2 * t.timeoutMs) / 1000} s`,
          'timeout',
        ),
      );
    }, 2 * t.timeoutMs);
    const onAbort = (): void => {
      o.req.destroy();
      reject(new ApiError('cancelled', 'other'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    o.res.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        done();
        o.req.destroy();
        reject(new ApiError(`the answer from ${t.server.host} is larger than ${limit} bytes`, 'other'));
      } else chunks.push(c);
    });
    o.res.on('end', () => {
      done();
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    o.res.on('error', (err) => {
      done();
      reject(classifyNetworkError(err, t.server));
    });
  });
}

/** GET a JSON document. Non-2xx answers become ApiErrors with the Status message. */
export async function getJson(t: Transport, path: string, signal?: AbortSignal): Promise<unknown> {
  const o = await open(t, path, signal);
  const body = await readBody(o, 256 << 20, t, signal);
  const code = o.res.statusCode ?? 0;
  if (code < 200 || code >= 300) throw statusError(code, body, t.server.host);
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new ApiError(
      `${t.server.host} answered ${path.split('?')[0]} with something other than JSON`,
      'other',
    );
  }
}

export interface WatchEvent {
  type: string;
  object: unknown;
}

/**
 * Streams a watch: calls `onOpen` once the server accepts it, `onEvent` for each line. Resolves when
 * the server ends the stream (its timeoutSeconds), rejects when the connection drops, goes silent
 * for `idleMs`, or the server refuses.
 */
export async function watchStream(
  t: Transport,
  path: string,
  handlers: { onOpen(): void; onEvent(e: WatchEvent): void },
  idleMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const o = await open(t, path, signal);
  const code = o.res.statusCode ?? 0;
  if (code < 200 || code >= 300)
    throw statusError(code, await readBody(o, 1 << 20, t, signal), t.server.host);
  handlers.onOpen();
  await new Promise<void>((resolve, reject) => {
    let buf = '';
    let finished = false;
    let idle = setTimeout(onIdle, idleMs);
    function onIdle(): void {
      finish(
        new ApiError(
          `the watch on ${t.server.host} went silent for ${Math.round(idleMs / 1000)} s`,
          'timeout',
        ),
      );
    }
    const onAbort = (): void => finish();
    signal?.addEventListener('abort', onAbort, { once: true });
    function finish(err?: Error): void {
      if (finished) return;
      finished = true;
      clearTimeout(idle);
      signal?.removeEventListener('abort', onAbort);
      if (err || signal?.aborted) o.req.destroy();
      if (err) reject(err);
      else resolve();
    }
    o.res.setEncoding('utf8');
    o.res.on('data', (chunk: string) => {
      clearTimeout(idle);
      idle = setTimeout(onIdle, idleMs);
      buf += chunk;
      let nl: number;
      while (!finished && (nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (!line) continue;
        let e: WatchEvent;
        try {
          e = JSON.parse(line) as WatchEvent;
        } catch {
          return finish(new ApiError('the watch stream sent a line that is not JSON', 'reset'));
        }
        try {
          handlers.onEvent(e);
        } catch (err) {
          return finish(err as Error);
        }
      }
    });
    o.res.on('end', () => finish());
    o.res.on('aborted', () => finish(new ApiError(`connection to ${t.server.host} was dropped`, 'reset')));
    o.res.on('error', (err) => finish(classifyNetworkError(err, t.server)));
    o.res.on('close', () => {
      if (!o.res.complete) finish(new ApiError(`connection to ${t.server.host} was dropped`, 'reset'));
      else finish();
    });
  });
}
