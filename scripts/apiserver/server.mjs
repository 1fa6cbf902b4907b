// The test Kubernetes API server: HTTPS with a CA made for this run, bearer-token and
// client-certificate users, RBAC-like rules, and faults a test can switch on and off.
import https from 'node:https';
import { randomBytes } from 'node:crypto';
import { keyPairs, makeCa, makeClientCert, makeServerCert } from './certs.mjs';
import { Registry } from './resources.mjs';
import { Store } from './store.mjs';
import { Objects, typeKey } from './objects.mjs';
import { authenticate, unauthorized } from './auth.mjs';
import { route, sendError, sendJson } from './routes.mjs';
import { ApiError, status } from './status.mjs';

const token = () => randomBytes(24).toString('base64url');

/**
 * Faults a test can inject (all off by default):
 *   delayMs: every response waits this long first (a slow API server);
 *   unauthorized: every request gets 401;
 *   forbid: [{ resource, group?, verbs?, namespace?, user? }] extra 403s (for one kind, say);
 *   failRequests: { code, count, pathPrefix? } the next `count` requests get `code` (e.g. 500, 503);
 *   dropWatchAfterEvents: a watch is cut (socket destroyed) after sending this many events;
 *   expireNextWatch: the next N watches that give a resourceVersion get 410 Gone.
 * Connection refusal is refuseConnections() / acceptConnections(): the port is closed meanwhile.
 */
const NO_FAULTS = () => ({
  delayMs: 0,
  unauthorized: false,
  forbid: [],
  failRequests: undefined,
  dropWatchAfterEvents: undefined,
  expireNextWatch: 0,
});

export class ApiServer {
  /**
   * @param {{ users?: object[], historyLimit?: number, bookmarkIntervalMs?: number,
   *   watchTimeoutSeconds?: number, port?: number, log?: (line: string) => void }} [options]
   */
  constructor(options = {}) {
    this.options = { bookmarkIntervalMs: 1000, watchTimeoutSeconds: 1800, ...options };
    this.registry = new Registry();
    this.store = new Store({ historyLimit: options.historyLimit });
    this.objects = new Objects(this.store, this.registry);
    this.faults = NO_FAULTS();
    this.watches = new Set();
    this.sockets = new Set();
    this.users = options.users ?? [
      { name: 'admin', token: token(), groups: ['system:masters'] },
      {
        name: 'viewer',
        token: token(),
        rules: [{ verbs: ['get', 'list', 'watch'], apiGroups: ['*'], resources: ['*'] }],
      },
      { name: 'cert-admin', groups: ['system:masters'] },
    ];
    this.clientCerts = new Map();
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease'])
      this.objects.create(this.type('v1', 'Namespace'), undefined, { metadata: { name: ns } });
  }

  type(apiVersion, kind) {
    const t = this.registry.forKind(apiVersion, kind);
    if (!t) throw new Error(`no kind ${kind} in ${apiVersion} is served`);
    return t;
  }

  /**
   * A client certificate (CN user, O groups) signed by this run's CA; by default the groups of the
   * certificate user of that name in `users`. Available once started.
   */
  clientCert(user, groups) {
    const u = this.users.find((x) => x.name === user && !x.token);
    const g = groups ?? u?.groups ?? [];
    const key = `${user}|${g.join(',')}`;
    if (!this.clientCerts.has(key))
      this.clientCerts.set(key, makeClientCert(this.ca, this.clientKeys, user, g));
    return this.clientCerts.get(key);
  }

  tokenOf(user) {
    return this.users.find((u) => u.name === user)?.token;
  }

  denials() {
    return this.faults.forbid;
  }

  /** Creates or replaces an object (a manifest as in a YAML file), as the server would store it. */
  apply(obj) {
    const t = this.type(obj.apiVersion, obj.kind);
    const ns = t.namespaced ? (obj.metadata?.namespace ?? 'default') : undefined;
    const old = this.store.get(typeKey(t), ns, obj.metadata?.name);
    if (!old) return this.objects.create(t, ns, obj, { keepStatus: true });
    const next = this.objects.update(t, ns, obj.metadata.name, {
      ...obj,
      metadata: { ...obj.metadata, resourceVersion: undefined },
    });
    return obj.status === undefined
      ? next
      : this.objects.update(t, ns, obj.metadata.name, { status: obj.status }, { subresource: 'status' });
  }

  remove(apiVersion, kind, namespace, name) {
    const t = this.type(apiVersion, kind);
    return this.objects.delete(t, namespace, name);
  }

  setFaults(partial) {
    Object.assign(this.faults, partial);
  }

  clearFaults() {
    this.faults = NO_FAULTS();
  }

  /** Cuts every open watch mid-stream (the client sees the connection end without a final event). */
  dropWatches() {
    for (const w of [...this.watches]) w.drop();
  }

  /** Forgets the event history: a watch from any earlier resourceVersion gets 410 Gone. */
  compact() {
    this.store.compact();
  }

  async start() {
    // A CA for this run; the server certificate and client certificates are signed by it.
    // (Client certificates share one key: they differ in their subject, which is what auth reads.)
    const [caKeys, serverKeys, clientKeys] = await keyPairs();
    this.ca = makeCa(caKeys);
    this.tls = makeServerCert(this.ca, serverKeys);
    this.clientKeys = clientKeys;
    this.server = https.createServer(
      {
        key: this.tls.keyPem,
        cert: this.tls.certPem,
        ca: [this.ca.certPem],
        requestCert: true,
        rejectUnauthorized: false,
      },
      (req, res) => {
        this.handle(req, res).catch((e) => {
          if (!res.headersSent) sendError(res, e);
          else res.destroy();
        });
      },
    );
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server.on('tlsClientError', () => {});
    await this.listen(this.options.port ?? 0);
    this.port = this.server.address().port;
    this.url = `https://127.0.0.1:${this.port}`;
    return this;
  }

  listen(port) {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  /** Closes the port and every connection: clients get "connection refused" until acceptConnections(). */
  async refuseConnections() {
    if (!this.server.listening) return;
    const closed = new Promise((r) => this.server.close(() => r()));
    for (const w of [...this.watches]) w.drop();
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  async acceptConnections() {
    if (!this.server.listening) await this.listen(this.port);
  }

  async stop() {
    for (const w of [...this.watches]) w.drop();
    if (this.server?.listening) {
      const closed = new Promise((r) => this.server.close(() => r()));
      for (const s of this.sockets) s.destroy();
      await closed;
    }
  }

  async handle(req, res) {
    const f = this.faults;
    if (f.delayMs > 0) await new Promise((r) => setTimeout(r, f.delayMs));
    const url = new URL(req.url, 'https://127.0.0.1');
    this.options.log?.(`${req.method} ${url.pathname}${url.search}`);
    if (
      f.failRequests &&
      f.failRequests.count > 0 &&
      url.pathname.startsWith(f.failRequests.pathPrefix ?? '/')
    ) {
      f.failRequests.count--;
      const code = f.failRequests.code ?? 500;
      const reason = code === 503 ? 'ServiceUnavailable' : code === 429 ? 'TooManyRequests' : 'InternalError';
      return sendJson(
        res,
        code,
        status(
          code,
          reason,
          code === 503
            ? 'the server is currently unable to handle the request'
            : 'an error on the server ("injected fault") has prevented the request from succeeding',
        ),
      );
    }
    const user = f.unauthorized ? undefined : authenticate(req, this.users);
    if (!user) return sendError(res, unauthorized());
    const accept = req.headers.accept ?? '';
    if (accept && !/application\/json|\*\/\*|application\/yaml|application\/\*/.test(accept)) {
      return sendError(
        res,
        new ApiError(
          406,
          'NotAcceptable',
          `only the following media types are accepted: application/json, application/yaml`,
        ),
      );
    }
    await route(this, req, res, user, url);
  }
}
