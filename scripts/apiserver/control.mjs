// A control API for tests in another process (for example the real-editor integration tests):
// plain HTTP on 127.0.0.1, on its own port (so it still answers while the API port refuses
// connections), guarded by a token written to RUNDIR/control.json.
//   POST /faults {json}   merge faults (see ApiServer)     DELETE /faults   clear them
//   POST /refuse          close the API port                POST /accept     open it again
//   POST /drop-watches    cut every open watch              POST /compact    410 for older RVs
//   POST /objects (YAML)  create or replace objects         DELETE /objects?apiVersion=&kind=&namespace=&name=
//   GET  /state           resourceVersion, open watches, faults
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { parseManifests } from './seed.mjs';

export async function startControl(server) {
  const token = randomBytes(24).toString('base64url');
  const reply = (res, code, obj) => {
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(obj));
  };
  const body = (req) =>
    new Promise((resolve, reject) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  const ctl = http.createServer((req, res) => {
    (async () => {
      if (req.headers.authorization !== `Bearer ${token}`)
        return reply(res, 401, { error: 'bad control token' });
      const url = new URL(req.url, 'http://127.0.0.1');
      const route = `${req.method} ${url.pathname}`;
      switch (route) {
        case 'GET /state':
          return reply(res, 200, {
            resourceVersion: String(server.store.rv),
            watches: server.watches.size,
            faults: server.faults,
            listening: server.server.listening,
          });
        case 'POST /faults':
          server.setFaults(JSON.parse((await body(req)) || '{}'));
          return reply(res, 200, server.faults);
        case 'DELETE /faults':
          server.clearFaults();
          return reply(res, 200, server.faults);
        case 'POST /refuse':
          await server.refuseConnections();
          return reply(res, 200, { listening: false });
        case 'POST /accept':
          await server.acceptConnections();
          return reply(res, 200, { listening: true });
        case 'POST /drop-watches':
          server.dropWatches();
          return reply(res, 200, {});
        case 'POST /compact':
          server.compact();
          return reply(res, 200, { resourceVersion: String(server.store.rv) });
        case 'POST /objects': {
          const objs = parseManifests(await body(req), 'request');
          return reply(
            res,
            200,
            objs.map((o) => server.apply(o).metadata.resourceVersion),
          );
        }
        case 'DELETE /objects': {
          const q = url.searchParams;
          const gone = server.remove(
            q.get('apiVersion'),
            q.get('kind'),
            q.get('namespace') || undefined,
            q.get('name'),
          );
          return reply(res, 200, { resourceVersion: gone.metadata.resourceVersion });
        }
        default:
          return reply(res, 404, { error: `no control route ${route}` });
      }
    })().catch((e) => reply(res, e.code >= 400 && e.code < 600 ? e.code : 500, { error: e.message }));
  });
  await new Promise((r) => ctl.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${ctl.address().port}`,
    token,
    close: () => new Promise((r) => ctl.close(() => r())),
  };
}
