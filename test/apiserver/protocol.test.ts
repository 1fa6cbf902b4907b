// The test API server's HTTP surface, checked as the Kubernetes API documents it: discovery,
// errors as Status objects, conflicts, watch framing and timeouts, and each injectable fault,
// through the programmatic API and through the control API that other processes use.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { after, before, describe, test } from 'node:test';
import { type Running, SEED, kubectl, startServer } from './helpers';

interface Reply {
  status: number;
  body: string;
  json: Record<string, unknown> & { kind?: string; reason?: string; code?: number; message?: string };
}

function call(
  r: Running,
  method: string,
  path: string,
  opts: { body?: unknown; contentType?: string; token?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const data = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = request(
      `${r.server.url}${path}`,
      {
        method,
        ca: r.server.ca.certPem,
        headers: {
          authorization: `Bearer ${opts.token ?? r.server.tokenOf('admin')}`,
          accept: 'application/json',
          ...(data ? { 'content-type': opts.contentType ?? 'application/json' } : {}),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body,
            json: body.startsWith('{') ? (JSON.parse(body) as Reply['json']) : {},
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** Reads a watch until it ends; `onLine` sees each event as it arrives. Resolves how it ended. */
function watchLines(
  r: Running,
  path: string,
  onLine: (ev: { type: string; object: Record<string, unknown> }) => void = () => {},
): Promise<{ ended: 'end' | 'error'; events: { type: string; object: Record<string, unknown> }[] }> {
  return new Promise((resolve) => {
    const events: { type: string; object: Record<string, unknown> }[] = [];
    const req = request(
      `${r.server.url}${path}`,
      { ca: r.server.ca.certPem, headers: { authorization: `Bearer ${r.server.tokenOf('admin')}` } },
      (res) => {
        assert.equal(res.statusCode, 200);
        let buf = '';
        res.on('data', (d: Buffer) => {
          buf += d.toString();
          let i;
          while ((i = buf.indexOf('\n')) >= 0) {
            const ev = JSON.parse(buf.slice(0, i)) as { type: string; object: Record<string, unknown> };
            buf = buf.slice(i + 1);
            events.push(ev);
            onLine(ev);
          }
        });
        res.on('end', () => resolve({ ended: 'end', events }));
        res.on('error', () => resolve({ ended: 'error', events }));
        res.on('aborted', () => resolve({ ended: 'error', events }));
      },
    );
    req.on('error', () => resolve({ ended: 'error', events }));
    req.end();
  });
}

describe('the test API server protocol', () => {
  let r: Running;
  before(async () => {
    r = await startServer({ seedDir: SEED });
  });
  after(async () => r && (await r.stop()));

  test('discovery: versions, groups with preferred versions, resource lists with verbs and short names', async () => {
    assert.deepEqual((await call(r, 'GET', '/api')).json.versions, ['v1']);
    const groups = (await call(r, 'GET', '/apis')).json.groups as {
      name: string;
      preferredVersion: { version: string };
      versions: { version: string }[];
    }[];
    const istio = groups.find((g) => g.name === 'networking.istio.io');
    assert.equal(istio?.preferredVersion.version, 'v1');
    assert.deepEqual(
      istio?.versions.map((v) => v.version),
      ['v1', 'v1beta1', 'v1alpha3'],
    );
    for (const g of [
      'apps',
      'admissionregistration.k8s.io',
      'apiextensions.k8s.io',
      'gateway.networking.k8s.io',
      'security.istio.io',
      'telemetry.istio.io',
      'extensions.istio.io',
    ]) {
      assert.ok(
        groups.some((x) => x.name === g),
        g,
      );
    }
    const res = (await call(r, 'GET', '/apis/networking.istio.io/v1')).json.resources as {
      name: string;
      namespaced: boolean;
      kind: string;
      verbs: string[];
      shortNames?: string[];
    }[];
    const vs = res.find((x) => x.name === 'virtualservices');
    assert.deepEqual(
      { ...vs, verbs: undefined },
      {
        name: 'virtualservices',
        singularName: 'virtualservice',
        namespaced: true,
        kind: 'VirtualService',
        verbs: undefined,
        shortNames: ['vs'],
        categories: ['istio-io', 'networking-istio-io'],
      },
    );
    assert.deepEqual(vs?.verbs, [
      'create',
      'delete',
      'deletecollection',
      'get',
      'list',
      'patch',
      'update',
      'watch',
    ]);
    const core = (await call(r, 'GET', '/api/v1')).json.resources as {
      name: string;
      namespaced: boolean;
      shortNames?: string[];
    }[];
    assert.deepEqual(
      core.find((x) => x.name === 'namespaces'),
      {
        name: 'namespaces',
        singularName: 'namespace',
        namespaced: false,
        kind: 'Namespace',
        verbs: vs?.verbs,
        shortNames: ['ns'],
      },
    );
    assert.equal((await call(r, 'GET', '/apis/networking.istio.io/v9')).status, 404);
    assert.equal((await call(r, 'GET', '/version')).json.gitVersion, 'v1.32.4');
  });

  test('errors are Status objects: 404, 409 AlreadyExists, 409 Conflict, 415, 404 for a missing namespace', async () => {
    const nf = await call(r, 'GET', '/api/v1/namespaces/bookinfo/services/nope');
    assert.deepEqual(
      [nf.status, nf.json.kind, nf.json.reason, nf.json.message],
      [404, 'Status', 'NotFound', 'services "nope" not found'],
    );
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'p1' }, data: { a: '1' } };
    const created = await call(r, 'POST', '/api/v1/namespaces/bookinfo/configmaps', { body: cm });
    assert.equal(created.status, 201);
    const dup = await call(r, 'POST', '/api/v1/namespaces/bookinfo/configmaps', { body: cm });
    assert.deepEqual(
      [dup.status, dup.json.reason, dup.json.message],
      [409, 'AlreadyExists', 'configmaps "p1" already exists'],
    );
    const md = created.json.metadata as { resourceVersion: string };
    const upd = await call(r, 'PUT', '/api/v1/namespaces/bookinfo/configmaps/p1', {
      body: { ...cm, metadata: { name: 'p1', resourceVersion: md.resourceVersion }, data: { a: '2' } },
    });
    assert.equal(upd.status, 200);
    const stale = await call(r, 'PUT', '/api/v1/namespaces/bookinfo/configmaps/p1', {
      body: { ...cm, metadata: { name: 'p1', resourceVersion: md.resourceVersion }, data: { a: '3' } },
    });
    assert.deepEqual([stale.status, stale.json.reason], [409, 'Conflict']);
    const smp = await call(
      r,
      'PATCH',
      '/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices/reviews',
      { body: { metadata: { labels: { a: 'b' } } }, contentType: 'application/strategic-merge-patch+json' },
    );
    assert.deepEqual([smp.status, smp.json.reason], [415, 'UnsupportedMediaType']);
    const noNs = await call(r, 'POST', '/api/v1/namespaces/nowhere/configmaps', { body: cm });
    assert.deepEqual([noNs.status, noNs.json.message], [404, 'namespaces "nowhere" not found']);
    const badSel = await call(r, 'GET', '/api/v1/pods?labelSelector=a%20in%20(');
    assert.deepEqual([badSel.status, badSel.json.reason], [400, 'BadRequest']);
  });

  test('resourceVersion is one counter for the whole server, and a list carries the latest', async () => {
    const a = await call(r, 'POST', '/api/v1/namespaces/bookinfo/configmaps', {
      body: { metadata: { name: 'rv-a' } },
    });
    const b = await call(r, 'POST', '/apis/networking.istio.io/v1/namespaces/bookinfo/serviceentries', {
      body: {
        apiVersion: 'networking.istio.io/v1',
        kind: 'ServiceEntry',
        metadata: { name: 'rv-b' },
        spec: { hosts: ['x.example.com'] },
      },
    });
    const rvA = Number((a.json.metadata as { resourceVersion: string }).resourceVersion);
    const rvB = Number((b.json.metadata as { resourceVersion: string }).resourceVersion);
    assert.equal(rvB, rvA + 1);
    const list = await call(r, 'GET', '/api/v1/namespaces/bookinfo/pods');
    assert.equal((list.json.metadata as { resourceVersion: string }).resourceVersion, String(rvB));
  });

  test('watch: events after the resourceVersion, one JSON object per line, ended by timeoutSeconds', async () => {
    const rv = String(r.server.store.rv);
    const done = watchLines(
      r,
      `/api/v1/namespaces/bookinfo/configmaps?watch=true&resourceVersion=${rv}&timeoutSeconds=1`,
    );
    r.server.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w1', namespace: 'bookinfo' } });
    r.server.apply({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'w1', namespace: 'bookinfo', labels: { x: 'y' } },
    });
    r.server.remove('v1', 'ConfigMap', 'bookinfo', 'w1');
    const { ended, events } = await done;
    assert.equal(ended, 'end');
    assert.deepEqual(
      events.map((e) => [e.type, (e.object.metadata as { name: string }).name]),
      [
        ['ADDED', 'w1'],
        ['MODIFIED', 'w1'],
        ['DELETED', 'w1'],
      ],
    );
    assert.ok(events.every((e) => e.object.kind === 'ConfigMap' && e.object.apiVersion === 'v1'));
  });

  test('a label change out of a selected watch is a DELETED event', async () => {
    r.server.apply({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'sel', namespace: 'bookinfo', labels: { keep: 'yes' } },
    });
    const rv = String(r.server.store.rv);
    const done = watchLines(
      r,
      `/api/v1/namespaces/bookinfo/configmaps?watch=1&labelSelector=keep%3Dyes&resourceVersion=${rv}&timeoutSeconds=1`,
    );
    r.server.apply({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'sel', namespace: 'bookinfo', labels: { keep: 'no' } },
    });
    const { events } = await done;
    assert.deepEqual(
      events.map((e) => e.type),
      ['DELETED'],
    );
  });

  test('faults: a dropped watch ends without a final event; failRequests; unauthorized', async () => {
    r.server.setFaults({ dropWatchAfterEvents: 1 });
    try {
      const res = await watchLines(r, '/api/v1/namespaces/bookinfo/pods?watch=true');
      assert.equal(res.ended, 'error');
      assert.equal(res.events.length, 1);
    } finally {
      r.server.clearFaults();
    }
    r.server.setFaults({ failRequests: { code: 503, count: 1 } });
    assert.equal((await call(r, 'GET', '/api/v1/pods')).status, 503);
    assert.equal((await call(r, 'GET', '/api/v1/pods')).status, 200, 'only `count` requests fail');
    r.server.setFaults({ unauthorized: true });
    const u = await call(r, 'GET', '/api/v1/pods');
    assert.deepEqual([u.status, u.json.reason], [401, 'Unauthorized']);
    r.server.clearFaults();
  });

  test('a slow server: kubectl with a shorter request timeout gives up', async () => {
    r.server.setFaults({ delayMs: 3000 });
    try {
      const res = await kubectl(r, ['get', 'pods', '-n', 'bookinfo', '--request-timeout=1s']);
      assert.equal(res.status, 1);
      assert.match(res.stderr, /Client\.Timeout|context deadline exceeded|timeout/i);
    } finally {
      r.server.clearFaults();
    }
  });

  test('the control API (for other processes): faults, objects, compaction', async () => {
    const ctl = JSON.parse(readFileSync(r.server.controlPath ?? '', 'utf8')) as {
      url: string;
      token: string;
    };
    const post = async (path: string, body: string, method = 'POST') => {
      const res = await fetch(`${ctl.url}${path}`, {
        method,
        body,
        headers: { authorization: `Bearer ${ctl.token}` },
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    assert.equal((await fetch(`${ctl.url}/state`)).status, 401, 'the control API needs its token');
    await post(
      '/faults',
      JSON.stringify({ forbid: [{ group: 'apps', resource: 'deployments', verbs: ['list'] }] }),
    );
    const denied = await call(r, 'GET', '/apis/apps/v1/namespaces/bookinfo/deployments');
    assert.deepEqual(
      [denied.status, denied.json.message],
      [
        403,
        'deployments.apps is forbidden: User "admin" cannot list resource "deployments" in API group "apps" in the namespace "bookinfo"',
      ],
    );
    await post('/faults', '', 'DELETE');
    assert.equal((await call(r, 'GET', '/apis/apps/v1/namespaces/bookinfo/deployments')).status, 200);
    await post(
      '/objects',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: from-control\n  namespace: bookinfo\nspec:\n  ports:\n  - port: 80\n',
    );
    assert.equal((await call(r, 'GET', '/api/v1/namespaces/bookinfo/services/from-control')).status, 200);
    const old = String(r.server.store.rv - 1);
    await post('/compact', '');
    const { events } = await watchLines(
      r,
      `/api/v1/namespaces/bookinfo/services?watch=true&resourceVersion=${old}`,
    );
    assert.equal(events[0]?.type, 'ERROR');
    assert.equal((events[0]?.object as { code?: number }).code, 410);
  });
});
