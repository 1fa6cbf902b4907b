// A small OpenAPI surface: enough for kubectl to see that the server validates fields itself
// (the fieldValidation query parameter on each kind's PATCH operation), so `kubectl apply` and
// `create` send ?fieldValidation=Strict instead of validating against schemas on the client.
import { createHash } from 'node:crypto';

function gvPaths(registry, group, version) {
  const paths = {};
  const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`;
  for (const t of registry.types.filter((x) => x.group === group && x.versions.includes(version))) {
    const gvk = { group, version, kind: t.kind };
    const op = (id, params = []) => ({
      operationId: `${id}${t.kind}`,
      'x-kubernetes-group-version-kind': gvk,
      parameters: params.map((name) => ({
        name,
        in: 'query',
        schema: { type: 'string', uniqueItems: true },
      })),
      responses: { 200: { description: 'OK' } },
    });
    const write = ['dryRun', 'fieldManager', 'fieldValidation'];
    const item = {
      get: op('read'),
      put: op('replace', write),
      patch: op('patch', [...write, 'force']),
      delete: op('delete', ['dryRun']),
    };
    const coll = {
      get: op('list', ['labelSelector', 'fieldSelector', 'watch', 'resourceVersion']),
      post: op('create', write),
    };
    const base = t.namespaced ? `${prefix}/namespaces/{namespace}/${t.plural}` : `${prefix}/${t.plural}`;
    paths[base] = coll;
    paths[`${base}/{name}`] = item;
  }
  return paths;
}

function gvDoc(registry, group, version) {
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.4' },
    paths: gvPaths(registry, group, version),
    components: { schemas: {} },
  };
}

function gvList(registry) {
  const out = [['', 'v1']];
  for (const g of registry.groups()) for (const v of g.versions) out.push([g.name, v]);
  return out;
}

/** GET /openapi/v3: the group versions, each with a URL carrying a hash of its document. */
export function openApiV3Root(registry) {
  const paths = {};
  for (const [g, v] of gvList(registry)) {
    const rel = g ? `apis/${g}/${v}` : `api/${v}`;
    const hash = createHash('sha512')
      .update(JSON.stringify(gvDoc(registry, g, v)))
      .digest('hex')
      .slice(0, 64)
      .toUpperCase();
    paths[rel] = { serverRelativeURL: `/openapi/v3/${rel}?hash=${hash}` };
  }
  return { paths };
}

/** GET /openapi/v3/api/v1 or /openapi/v3/apis/G/V, or undefined. */
export function openApiV3Group(registry, rel) {
  const s = rel.split('/');
  if (s[0] === 'api' && s.length === 2 && s[1] === 'v1') return gvDoc(registry, '', 'v1');
  if (s[0] === 'apis' && s.length === 3 && registry.resourceList(s[1], s[2]))
    return gvDoc(registry, s[1], s[2]);
  return undefined;
}

/** GET /openapi/v2 (JSON only): paths without definitions. */
export function openApiV2(registry) {
  const paths = {};
  for (const [g, v] of gvList(registry)) Object.assign(paths, gvPaths(registry, g, v));
  return { swagger: '2.0', info: { title: 'Kubernetes', version: 'v1.32.4' }, paths, definitions: {} };
}
