import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { delimiter, join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { kubeconfig, startApiServer, type ApiServer } from '../../scripts/apiserver/index.mjs';
import { Backoff } from '../../server/src/cluster/backoff';
import { ClusterConnection, type ConnectionInputs } from '../../server/src/cluster/connection';
import type { ClusterSettings, ClusterStatus } from '../../shared/src/protocol';
import { execPlugin, tempDir, writeJson } from './harness';

// Issue 13, sections 1 and 5: where the kubeconfig comes from, each kind of credential and TLS
// setting, istio.cluster.enabled, untrusted workspaces, one status line per fault, and that no
// credential or exec output reaches a status or log line. The API server is the test API server
// (TLS with its own CA); what it received is its own request log.

type Kc = ReturnType<typeof kubeconfig> & {
  clusters: { name: string; cluster: Record<string, unknown> }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: Record<string, string> }[];
};

/** A connection with its own environment, recording every status and log line. */
class Conn {
  readonly statuses: ClusterStatus[] = [];
  readonly logs: string[] = [];
  readonly conn: ClusterConnection;
  private waiters: (() => void)[] = [];
  constructor(env: { KUBECONFIG?: string; home?: string }, opts: { execTimeoutMs?: number } = {}) {
    this.conn = new ClusterConnection({
      log: (m) => this.logs.push(m),
      onStatus: (s) => {
        this.statuses.push(s);
        this.wake();
      },
      env: { KUBECONFIG: env.KUBECONFIG ?? '', home: env.home ?? '/nonexistent' },
      timeoutMs: 2000,
      execTimeoutMs: opts.execTimeoutMs ?? 3000,
      backoff: () => new Backoff(50, 200, 0.2),
      watchSeconds: () => 30,
    });
  }
  start(inputs: Partial<ConnectionInputs> = {}): void {
    const settings: ClusterSettings = { enabled: 'auto', kubeconfig: '' };
    this.conn.update({ settings, trusted: true, disconnected: false, ...inputs });
  }
  wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
  until(pred: () => boolean, what: string, ms = 15_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () => reject(new Error(`timed out waiting for ${what}; last ${JSON.stringify(this.conn.status)}`)),
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
  /** Everything this connection ever said. */
  said(): string {
    return JSON.stringify([this.statuses, this.logs, this.conn.status]);
  }
}

describe('kubeconfig sources, credentials and TLS, against the test API server', () => {
  let server: ApiServer;
  let dir: string;
  let kc: Kc;
  let kcFile: string;
  const requests: string[] = [];
  const open: Conn[] = [];
  const conn = (env: { KUBECONFIG?: string; home?: string }, opts?: { execTimeoutMs?: number }): Conn => {
    const c = new Conn(env, opts);
    open.push(c);
    return c;
  };
  const withCluster = (cluster: Record<string, unknown>): Kc => ({
    ...kc,
    clusters: [{ name: 'test', cluster }],
  });
  const withUser = (user: Record<string, unknown>): Kc => ({
    ...kc,
    users: [{ name: 'test-admin', user }],
  });

  before(async () => {
    server = await startApiServer({ crds: false, watchTimeoutSeconds: 30 });
    server.options.log = (line) => {
      requests.push(line);
      for (const c of open) c.wake();
    };
    dir = tempDir();
    kc = kubeconfig(server, 'test') as Kc;
    kcFile = writeJson(dir, 'kubeconfig', kc);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.conn.stop()));
  });
  after(() => server.stop());

  test('KUBECONFIG path list: missing files skipped, the first file sets current-context', async () => {
    const a = writeJson(dir, 'kc-a', { ...kc, 'current-context': 'test-cert' });
    const b = writeJson(dir, 'kc-b', { ...kc, 'current-context': 'test-viewer' });
    const c1 = conn({ KUBECONFIG: [join(dir, 'missing'), a, b].join(delimiter) });
    c1.start();
    await c1.state('connected');
    assert.equal(c1.conn.status.context, 'test-cert');
    const c2 = conn({ KUBECONFIG: [b, a].join(delimiter) });
    c2.start();
    await c2.state('connected');
    assert.equal(c2.conn.status.context, 'test-viewer');
  });

  test('without KUBECONFIG: ~/.kube/config, else istio.cluster.kubeconfig', async () => {
    const home = join(dir, 'home');
    mkdirSync(join(home, '.kube'), { recursive: true });
    writeFileSync(join(home, '.kube', 'config'), JSON.stringify({ ...kc, 'current-context': 'test-viewer' }));
    const fromHome = conn({ home });
    // The setting is ignored while ~/.kube/config exists.
    fromHome.start({ settings: { enabled: 'auto', kubeconfig: kcFile } });
    await fromHome.state('connected');
    assert.equal(fromHome.conn.status.context, 'test-viewer');
    const fromSetting = conn({});
    fromSetting.start({ settings: { enabled: 'auto', kubeconfig: kcFile } });
    await fromSetting.state('connected');
    assert.equal(fromSetting.conn.status.context, 'test');
    const none = conn({});
    none.start();
    await none.state('no-kubeconfig');
  });

  test('CA from a file (relative to the kubeconfig), a wrong CA fails, insecure-skip-tls-verify connects', async () => {
    const sub = join(dir, 'ca-sub');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'ca.pem'), server.ca.certPem);
    const caFile = writeJson(
      sub,
      'kc',
      withCluster({ server: server.url, 'certificate-authority': 'ca.pem' }),
    );
    const byFile = conn({ KUBECONFIG: caFile });
    byFile.start();
    await byFile.state('connected');

    // A real public root CA from this machine's store: it did not sign the test server's certificate.
    // (Another test API server in this process would not do: they share their keys.)
    const roots = readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8');
    const otherCa = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n/.exec(roots)?.[0] ?? '';
    assert.ok(otherCa);
    const wrong = conn({
      KUBECONFIG: writeJson(
        dir,
        'kc-wrong-ca',
        withCluster({
          server: server.url,
          'certificate-authority-data': Buffer.from(otherCa).toString('base64'),
        }),
      ),
    });
    wrong.start();
    await wrong.state('unreachable');
    assert.match(wrong.conn.status.message, /certificate|self.signed|issuer/i);

    const noCa = conn({ KUBECONFIG: writeJson(dir, 'kc-no-ca', withCluster({ server: server.url })) });
    noCa.start();
    await noCa.state('unreachable');
    const skip = conn({
      KUBECONFIG: writeJson(
        dir,
        'kc-skip',
        withCluster({ server: server.url, 'insecure-skip-tls-verify': true }),
      ),
    });
    skip.start();
    await skip.state('connected');
  });

  test('proxy-url: every request goes through the HTTP CONNECT proxy', async () => {
    const tunnels: string[] = [];
    const sockets = new Set<net.Socket>();
    const proxy = http.createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      tunnels.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      sockets.add(socket);
      const up = net.connect(Number(port), host, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        up.write(head);
        up.pipe(socket);
        socket.pipe(up);
      });
      sockets.add(up);
      up.on('error', () => socket.destroy());
      socket.on('error', () => up.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      const port = (proxy.address() as net.AddressInfo).port;
      const cluster = { ...kc.clusters[0].cluster, 'proxy-url': `http://127.0.0.1:${port}` };
      const c = conn({ KUBECONFIG: writeJson(dir, 'kc-proxy', withCluster(cluster)) });
      c.start();
      await c.state('connected');
      assert.ok(tunnels.length > 0, 'the proxy was used');
      assert.ok(
        tunnels.every((t) => t === new URL(server.url).host),
        tunnels.join(),
      );
      await c.conn.stop();
    } finally {
      for (const s of sockets) s.destroy();
      proxy.closeAllConnections();
      await new Promise((r) => proxy.close(r));
    }
  });

  test('tokenFile relative to the kubeconfig; the token is never said', async () => {
    const sub = join(dir, 'tok-sub');
    mkdirSync(sub, { recursive: true });
    const token = server.tokenOf('admin') ?? '';
    writeFileSync(join(sub, 'token'), `${token}\n`);
    const c = conn({ KUBECONFIG: writeJson(sub, 'kc', withUser({ tokenFile: 'token' })) });
    c.start();
    await c.state('connected');
    assert.ok(!c.said().includes(token));
  });

  test('istio.cluster.enabled: auto and on connect; off, and auto without a current context, send nothing', async () => {
    for (const enabled of ['auto', 'on'] as const) {
      const c = conn({ KUBECONFIG: kcFile });
      c.start({ settings: { enabled, kubeconfig: '' } });
      await c.state('connected');
      await c.conn.stop();
    }
    const mark = requests.length;
    const off = conn({ KUBECONFIG: kcFile });
    off.start({ settings: { enabled: 'off', kubeconfig: '' } });
    await off.state('disabled');
    assert.match(off.conn.status.message, /istio\.cluster\.enabled is off/);
    const noCurrent = conn({ KUBECONFIG: writeJson(dir, 'kc-no-current', { ...kc, 'current-context': '' }) });
    noCurrent.start();
    await noCurrent.state('no-kubeconfig');
    assert.match(noCurrent.conn.status.message, /no current-context/);
    assert.equal(requests.length, mark, `no request reached the server: ${requests.slice(mark).join()}`);
  });

  test('untrusted: not one request reaches the server, not even with a plain token; the status says why', async () => {
    const mark = requests.length;
    const c = conn({ KUBECONFIG: kcFile });
    c.start({ trusted: false, settings: { enabled: 'on', kubeconfig: '' } });
    await c.state('untrusted');
    assert.match(c.conn.status.message, /not trusted/);
    assert.deepEqual(c.conn.contexts().contexts, []);
    assert.equal(requests.length, mark, `no request: ${requests.slice(mark).join()}`);
    // Trust granted later: it connects.
    c.conn.update({ trusted: true });
    await c.state('connected');
    assert.ok(requests.length > mark);
    c.conn.update({ trusted: false });
    await c.state('untrusted');
    assert.equal(c.conn.store.list('Namespace').length, 0, 'the cluster state is dropped');
  });

  test('401 retried many times is still one status line and one log line', async () => {
    const bad = 'bad-token-0123456789';
    const c = conn({ KUBECONFIG: writeJson(dir, 'kc-401', withUser({ token: bad })) });
    const mark = requests.length;
    c.start();
    await c.state('unauthorized');
    // Several retries, each a request the server logs.
    await c.until(() => requests.length >= mark + 6, 'six requests');
    assert.equal(c.statuses.filter((s) => s.state === 'unauthorized').length, 1, c.said());
    assert.equal(c.logs.filter((l) => l.includes('unauthorized')).length, 1, c.logs.join('\n'));
    assert.ok(!c.said().includes(bad));
  });

  test('a failing exec plugin run again and again is one status line; its output is never said', async () => {
    const runs = join(dir, 'exec-runs');
    const plugin = execPlugin(
      dir,
      'auth-noisy',
      `require('fs').appendFileSync(${JSON.stringify(runs)}, 'x');` +
        `process.stdout.write('{"status":{"token":"leaked-stdout-token-77"}'); ` +
        `process.stderr.write('debug: secret-stderr-88 password=hunter2hunter2'); process.exit(1)`,
    );
    const c = conn(
      {
        KUBECONFIG: writeJson(
          dir,
          'kc-noisy',
          withUser({ exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin } }),
        ),
      },
      { execTimeoutMs: 2000 },
    );
    c.start();
    await c.state('credentials-failed');
    // The plugin is run again on each retry (with backoff); wait for four runs.
    for (let i = 0; i < 300 && (!existsSync(runs) || readFileSync(runs, 'utf8').length < 4); i++)
      await new Promise((r) => setTimeout(r, 50));
    assert.ok(readFileSync(runs, 'utf8').length >= 4, 'the plugin was retried');
    assert.equal(c.statuses.filter((s) => s.state === 'credentials-failed').length, 1, c.said());
    const said = c.said();
    for (const secret of ['leaked-stdout-token-77', 'secret-stderr-88', 'hunter2hunter2'])
      assert.ok(!said.includes(secret), secret);
  });

  test('an exec plugin whose token the server refuses: unauthorized; its token is never said', async () => {
    const token = 'exec-issued-token-555555';
    const plugin = execPlugin(
      dir,
      'auth-wrong',
      `process.stdout.write(JSON.stringify({apiVersion:'client.authentication.k8s.io/v1',kind:'ExecCredential',status:{token:'${token}'}}))`,
    );
    const c = conn({
      KUBECONFIG: writeJson(
        dir,
        'kc-exec-wrong',
        withUser({ exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin } }),
      ),
    });
    c.start();
    await c.state('unauthorized');
    assert.ok(!c.said().includes(token));
  });

  test('client certificate and key: never said, also when the key cannot be used', async () => {
    const cert = server.clientCert('cert-admin');
    const good = conn({
      KUBECONFIG: writeJson(
        dir,
        'kc-cert',
        withUser({
          'client-certificate-data': Buffer.from(cert.certPem).toString('base64'),
          'client-key-data': Buffer.from(cert.keyPem).toString('base64'),
        }),
      ),
    });
    good.start();
    await good.state('connected');
    const keyBody = cert.keyPem.split('\n')[1];
    const certBody = cert.certPem.split('\n')[1];
    assert.ok(!good.said().includes(keyBody));
    const brokenKey =
      '-----BEGIN PRIVATE KEY-----\nSECRETKEYMATERIAL0123456789abcdef\n-----END PRIVATE KEY-----\n';
    const broken = conn({
      KUBECONFIG: writeJson(
        dir,
        'kc-cert-broken',
        withUser({
          'client-certificate-data': Buffer.from(cert.certPem).toString('base64'),
          'client-key-data': Buffer.from(brokenKey).toString('base64'),
        }),
      ),
    });
    broken.start();
    await broken.until(
      () => !['connecting', 'connected'].includes(broken.conn.status.state),
      'a failure with a broken key',
    );
    const said = broken.said();
    for (const secret of [
      'SECRETKEYMATERIAL0123456789abcdef',
      keyBody,
      certBody,
      Buffer.from(brokenKey).toString('base64'),
    ])
      assert.ok(!said.includes(secret), `leaked: ${secret.slice(0, 12)}…`);
  });
});
