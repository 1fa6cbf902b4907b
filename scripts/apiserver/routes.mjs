// Request routing of the API server: discovery, version, OpenAPI, and the resource paths
// /api/v1/[namespaces/NS/]PLURAL[/NAME[/SUB]] and /apis/G/V/... for every verb.
import { ApiError, badRequest, notFound, status } from './status.mjs';
import { allowed, forbidden } from './auth.mjs';
import {
  SelectorError,
  matchFields,
  matchLabels,
  parseFieldSelector,
  parseLabelSelector,
} from './selectors.mjs';
import { asVersion, typeKey } from './objects.mjs';
import { serveWatch } from './watch.mjs';
import { openApiV2, openApiV3Root, openApiV3Group } from './openapi.mjs';
import { parse as parseYaml } from 'yaml';

export const KUBE_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const MAX_BODY = 3 * 1024 * 1024;

export function sendJson(res, code, obj) {
  const body = JSON.stringify(obj);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-cache, private',
  });
  res.end(body);
}

export function sendError(res, e) {
  if (e instanceof ApiError) return sendJson(res, e.code, status(e.code, e.reason, e.message, e.details));
  return sendJson(res, 500, status(500, 'InternalError', `Internal error occurred: ${e?.message ?? e}`));
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new ApiError(413, 'RequestEntityTooLarge', 'the request entity is too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function decode(text, contentType) {
  if (text.trim() === '') throw badRequest('the request body is empty');
  const ct = (contentType ?? '').split(';')[0].trim();
  try {
    return ct.includes('yaml') ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw badRequest(`the body of the request could not be decoded: ${e.message}`);
  }
}

/** Parses the resource part of a path: { group, version, namespace, plural, name, sub, watchPath }. */
function parseResourcePath(registry, segs) {
  let group;
  let version;
  if (segs[0] === 'api') {
    group = '';
    version = segs[1];
    segs = segs.slice(2);
  } else {
    group = segs[1];
    version = segs[2];
    segs = segs.slice(3);
  }
  let watchPath = false;
  if (segs[0] === 'watch') {
    watchPath = true;
    segs = segs.slice(1);
  }
  let namespace;
  if (segs[0] === 'namespaces' && segs.length >= 3 && registry.find(group, version, segs[2])) {
    namespace = segs[1];
    segs = segs.slice(2);
  }
  const [plural, name, sub, ...extra] = segs;
  if (extra.length) return undefined;
  return { group, version, namespace, plural, name, sub, watchPath };
}

/** Handles one authenticated request. */
export async function route(server, req, res, user, url) {
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const q = url.searchParams;
  const { registry } = server;
  if (req.method === 'GET') {
    if (path === '/version') return sendJson(res, 200, KUBE_VERSION);
    if (path === '/healthz' || path === '/readyz' || path === '/livez') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      return res.end('ok');
    }
    if (path === '/api')
      return sendJson(res, 200, {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${server.port}` }],
      });
    if (path === '/apis') return sendJson(res, 200, registry.groupList());
    if (path === '/openapi/v2') return sendJson(res, 200, openApiV2(registry));
    if (path === '/openapi/v3') return sendJson(res, 200, openApiV3Root(registry));
    if (path.startsWith('/openapi/v3/')) {
      const doc = openApiV3Group(registry, path.slice('/openapi/v3/'.length));
      return doc
        ? sendJson(res, 200, doc)
        : sendError(res, new ApiError(404, 'NotFound', 'the server could not find the requested resource'));
    }
    const segs = path.split('/').filter(Boolean);
    if (segs[0] === 'api' && segs.length === 2) {
      const list = registry.resourceList('', segs[1]);
      if (list) return sendJson(res, 200, list);
    }
    if (segs[0] === 'apis' && segs.length === 2) {
      const g = registry.group(segs[1]);
      if (g) return sendJson(res, 200, g);
    }
    if (segs[0] === 'apis' && segs.length === 3) {
      const list = registry.resourceList(segs[1], segs[2]);
      if (list) return sendJson(res, 200, list);
    }
  }
  const segs = path.split('/').filter(Boolean);
  const isResource = (segs[0] === 'api' && segs.length >= 3) || (segs[0] === 'apis' && segs.length >= 4);
  const p = isResource ? parseResourcePath(registry, segs) : undefined;
  const type = p && registry.find(p.group, p.version, p.plural);
  if (!p || !type || (p.sub && !(type.subresources ?? []).includes(p.sub))) {
    return sendError(res, new ApiError(404, 'NotFound', 'the server could not find the requested resource'));
  }
  if (!type.namespaced && p.namespace)
    return sendError(res, new ApiError(404, 'NotFound', 'the server could not find the requested resource'));
  const namespace = type.namespaced ? p.namespace : undefined;
  const watch = p.watchPath || q.get('watch') === 'true' || q.get('watch') === '1';
  const verb = verbOf(req.method, p.name, watch);
  if (!verb)
    return sendError(
      res,
      new ApiError(
        405,
        'MethodNotAllowed',
        `the server does not allow this method on the requested resource`,
      ),
    );
  // Every authenticated user may ask who it is (as system:basic-user grants upstream).
  if (type.review) {
    if (verb !== 'create')
      return sendError(
        res,
        new ApiError(
          405,
          'MethodNotAllowed',
          'the server does not allow this method on the requested resource',
        ),
      );
    await readBody(req);
    return sendJson(res, 201, {
      kind: type.kind,
      apiVersion: `${type.group}/${p.version}`,
      metadata: { creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z') },
      status: { userInfo: { username: user.name, groups: user.groups } },
    });
  }
  const resource = p.sub ? `${type.plural}/${p.sub}` : type.plural;
  const authzNs = type.kind === 'Namespace' && p.name ? p.name : namespace;
  if (!allowed(user, verb, type.group, resource, authzNs, server.denials())) {
    return sendError(res, forbidden(user, verb, type.group, resource, authzNs, p.name));
  }
  const dryRun = q.getAll('dryRun').includes('All');
  const out = (o) => asVersion(o, type, p.version);
  switch (verb) {
    case 'get':
      return sendJson(res, 200, out(server.objects.existing(type, namespace, p.name)));
    case 'list':
    case 'watch': {
      const selected = selectorFilter(type, namespace, q);
      const matches = p.name ? (o) => o.metadata.name === p.name && selected(o) : selected;
      if (verb === 'watch') {
        const ts = q.get('timeoutSeconds');
        return serveWatch(server, res, type, p.version, matches, {
          resourceVersion: q.get('resourceVersion') ?? '',
          allowBookmarks: q.get('allowWatchBookmarks') === 'true',
          sendInitialEvents: q.has('sendInitialEvents') ? q.get('sendInitialEvents') === 'true' : undefined,
          timeoutSeconds: ts !== null && Number(ts) > 0 ? Number(ts) : server.options.watchTimeoutSeconds,
          bookmarkMs: server.options.bookmarkIntervalMs,
        });
      }
      const items = server.store.list(typeKey(type), namespace).filter(matches);
      return sendJson(res, 200, {
        kind: type.listKind,
        apiVersion: type.group ? `${type.group}/${p.version}` : p.version,
        metadata: { resourceVersion: String(server.store.rv) },
        items: items.map((o) => (type.crd ? out(o) : o)),
      });
    }
    case 'create': {
      const body = decode(await readBody(req), req.headers['content-type']);
      return sendJson(res, 201, out(server.objects.create(type, namespace, body, { dryRun })));
    }
    case 'update': {
      const body = decode(await readBody(req), req.headers['content-type']);
      return sendJson(
        res,
        200,
        out(server.objects.update(type, namespace, p.name, body, { subresource: p.sub, dryRun })),
      );
    }
    case 'patch': {
      const body = decode(await readBody(req), req.headers['content-type']);
      const r = server.objects.patch(type, namespace, p.name, req.headers['content-type'], body, {
        subresource: p.sub,
        dryRun,
      });
      return sendJson(res, r.created ? 201 : 200, out(r.object));
    }
    case 'delete':
      return sendJson(res, 200, out(server.objects.delete(type, namespace, p.name, { dryRun })));
    case 'deletecollection': {
      const matches = selectorFilter(type, namespace, q);
      const items = server.store.list(typeKey(type), namespace).filter(matches);
      const gone = items.map((o) =>
        server.objects.delete(type, o.metadata.namespace, o.metadata.name, { dryRun }),
      );
      return sendJson(res, 200, {
        kind: type.listKind,
        apiVersion: type.group ? `${type.group}/${p.version}` : p.version,
        metadata: { resourceVersion: String(server.store.rv) },
        items: gone.map(out),
      });
    }
    default:
      throw notFound(type, p.name);
  }
}

function verbOf(method, name, watch) {
  if (method === 'GET') return watch ? 'watch' : name ? 'get' : 'list';
  if (method === 'POST') return name ? undefined : 'create';
  if (method === 'PUT') return name ? 'update' : undefined;
  if (method === 'PATCH') return name ? 'patch' : undefined;
  if (method === 'DELETE') return name ? 'delete' : 'deletecollection';
  return undefined;
}

function selectorFilter(type, namespace, q) {
  try {
    const labels = parseLabelSelector(q.get('labelSelector') ?? '');
    const fields = parseFieldSelector(q.get('fieldSelector') ?? '', type.kind);
    return (o) =>
      (!namespace || o.metadata.namespace === namespace) &&
      matchLabels(labels, o.metadata.labels) &&
      matchFields(fields, o);
  } catch (e) {
    if (e instanceof SelectorError) throw badRequest(e.message);
    throw e;
  }
}
