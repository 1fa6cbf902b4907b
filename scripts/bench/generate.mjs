// Bench inputs: seeded multi-document Istio files, and the one JSON Schema given to yaml-language-server.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** mulberry32: small, fast, deterministic. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const APPS = [
  'reviews',
  'ratings',
  'details',
  'productpage',
  'cart',
  'checkout',
  'payments',
  'search',
  'auth',
  'catalog',
];
const ERROR_EVERY = 50; // one resource in 50 carries an error

// Each template takes (name, ns, r, error) and returns ~24 lines. `error` swaps in an unknown field or a bad enum.
const TEMPLATES = {
  VirtualService: (n, ns, r, err) => {
    const host = `${n}.${ns}.svc.cluster.local`;
    const w = 10 * (1 + Math.floor(r() * 9));
    return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${n}
  namespace: ${ns}
  labels:
    app: ${n}
spec:
  hosts:
    - ${host}
  http:
    - match:
        - uri:
            prefix: /api/v${1 + Math.floor(r() * 3)}
      route:
        - destination:
            host: ${host}
            subset: v1
          weight: ${w}
        - destination:
            host: ${host}
            subset: v2
          weight: ${100 - w}
      ${err ? 'timout' : 'timeout'}: ${1 + Math.floor(r() * 9)}s
`;
  },
  DestinationRule: (n, ns, r, err) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${n}
  namespace: ${ns}
spec:
  host: ${n}.${ns}.svc.cluster.local
  trafficPolicy:
    loadBalancer:
      simple: ${err ? 'LEAST_REQUESTS' : r() < 0.5 ? 'LEAST_REQUEST' : 'ROUND_ROBIN'}
    connectionPool:
      tcp:
        maxConnections: ${10 * (1 + Math.floor(r() * 20))}
      http:
        http1MaxPendingRequests: ${1 + Math.floor(r() * 50)}
    tls:
      mode: ISTIO_MUTUAL
  subsets:
    - name: v1
      labels:
        version: v1
    - name: v2
      labels:
        version: v2
`,
  PeerAuthentication: (n, ns, r, err) => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: ${n}
  namespace: ${ns}
  labels:
    app: ${n}
    team: team-${Math.floor(r() * 8)}
  annotations:
    owner: platform
spec:
  selector:
    matchLabels:
      app: ${n}
  mtls:
    mode: ${err ? 'STRICTLY' : 'STRICT'}
  portLevelMtls:
    "${8000 + Math.floor(r() * 1000)}":
      mode: PERMISSIVE
    "9090":
      mode: DISABLE
    "15020":
      mode: PERMISSIVE
`,
  AuthorizationPolicy: (n, ns, r, err) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ${n}
  namespace: ${ns}
spec:
  selector:
    matchLabels:
      app: ${n}
  action: ALLOW
  rules:
    - from:
        - source:
            ${err ? 'principal' : 'principals'}:
              - cluster.local/ns/${ns}/sa/frontend
            namespaces:
              - ${ns}
      to:
        - operation:
            methods: ["GET", "POST"]
            paths:
              - /api/*
      when:
        - key: request.headers[x-env]
          values: ["prod"]
`,
};
const KINDS = Object.keys(TEMPLATES);

/**
 * Builds one file of `count` resources. Returns the text, the number of seeded errors and the position of
 * the edit target: the `weight:` value of the VirtualService nearest the middle of the file.
 */
export function generateFile(count, seed = 42) {
  const r = rng(seed + count);
  const docs = [];
  let errors = 0;
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % KINDS.length];
    const name = `${APPS[Math.floor(r() * APPS.length)]}-${i}`;
    const ns = `ns-${Math.floor(r() * 20)}`;
    // one error per block of 50, its offset shifting so that every kind gets some
    const block = Math.floor(i / ERROR_EVERY);
    const err = i % ERROR_EVERY === ERROR_EVERY / 2 + (block % KINDS.length);
    if (err) errors++;
    docs.push(TEMPLATES[kind](name, ns, r, err));
  }
  const text = docs.join('---\n');
  const lines = text.split('\n');
  const mid = Math.floor(lines.length / 2);
  let line = -1;
  for (let d = 0; d < lines.length && line < 0; d++) {
    for (const l of [mid + d, mid - d])
      if (/^ {10}weight: \d+$/.test(lines[l] ?? '')) {
        line = l;
        break;
      }
  }
  const character = lines[line].indexOf(':') + 2;
  const edit = { line, character, length: lines[line].length - character };
  return { text, errors, lines: lines.length, edit };
}

// ---- peer schema ----------------------------------------------------------------------------------

const OBJECT_META = {
  type: 'object',
  properties: {
    name: { type: 'string', maxLength: 253 },
    generateName: { type: 'string' },
    namespace: { type: 'string', maxLength: 63 },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
    uid: { type: 'string' },
    resourceVersion: { type: 'string' },
    generation: { type: 'integer' },
    creationTimestamp: { type: 'string', nullable: true },
    deletionTimestamp: { type: 'string', nullable: true },
    deletionGracePeriodSeconds: { type: 'integer' },
    selfLink: { type: 'string' },
    finalizers: { type: 'array', items: { type: 'string' } },
    ownerReferences: {
      type: 'array',
      items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
    managedFields: { type: 'array', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
  },
};

/**
 * Mirrors the server's strictify (server/src/service/schema/compile.ts) in plain draft-07: objects that list
 * properties reject others unless they preserve unknown fields; int-or-string is a type union; `nullable`
 * adds "null". CEL rules (x-kubernetes-validations) have no JSON Schema form and are dropped.
 */
function strictify(node) {
  if (typeof node !== 'object' || node === null) return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$id' || k === 'nullable' || k.startsWith('x-kubernetes-')) continue;
    if (k === 'properties')
      out.properties = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, strictify(s)]));
    else if (k === 'items' || k === 'additionalProperties' || k === 'not') out[k] = strictify(v);
    else if (k === 'oneOf' || k === 'anyOf' || k === 'allOf') out[k] = v.map(strictify);
    else out[k] = v;
  }
  if (
    node.properties &&
    node.additionalProperties === undefined &&
    !node['x-kubernetes-preserve-unknown-fields']
  ) {
    out.additionalProperties = false;
  }
  if (node['x-kubernetes-int-or-string']) {
    delete out.anyOf;
    out.type = ['integer', 'string'];
  }
  if (node.nullable && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

/** One schema for every kind/version in schemas/index.json, dispatching on apiVersion and kind with if/then. */
export function buildPeerSchema(schemasDir) {
  const index = JSON.parse(readFileSync(join(schemasDir, 'index.json'), 'utf8'));
  const allOf = [];
  for (const k of index.kinds) {
    for (const v of k.versions) {
      const root = strictify(
        JSON.parse(readFileSync(join(schemasDir, k.group, v, `${k.kind}.json`), 'utf8')),
      );
      root.properties = {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: strictify(OBJECT_META),
        ...root.properties,
      };
      allOf.push({
        if: {
          properties: { apiVersion: { const: `${k.group}/${v}` }, kind: { const: k.kind } },
          required: ['apiVersion', 'kind'],
        },
        then: root,
      });
    }
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `Istio ${index.istioVersion} (bench peer)`,
    type: 'object',
    allOf,
  };
}

/** Writes inputs/<n>.yaml for each size and peer-schema.json; returns what the bench needs to know. */
export function writeInputs(outDir, schemasDir, sizes) {
  const inputs = join(outDir, 'inputs');
  mkdirSync(inputs, { recursive: true });
  const schemaPath = join(outDir, 'peer-schema.json');
  writeFileSync(schemaPath, JSON.stringify(buildPeerSchema(schemasDir)));
  const files = {};
  for (const n of sizes) {
    const g = generateFile(n);
    const path = join(inputs, `bench-${n}.yaml`);
    writeFileSync(path, g.text);
    files[n] = { ...g, path, uri: pathToFileURL(path).href };
  }
  const warmup = generateFile(ERROR_EVERY);
  const warmupPath = join(inputs, 'bench-warmup.yaml');
  writeFileSync(warmupPath, warmup.text);
  return {
    files,
    warmup: { ...warmup, path: warmupPath, uri: pathToFileURL(warmupPath).href },
    schemaPath,
    schemaUri: pathToFileURL(schemaPath).href,
  };
}
