// What the server holds at start: the Istio CRDs (Istio 1.30.3's bundle when it is beside the
// checkout, else rebuilt from the committed schemas/), the Gateway API CRDs, and YAML fixtures.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_CRD_BUNDLE = resolve(ROOT, '..', 'shared', 'istio', 'crd-all.gen.yaml');

/** Parses every YAML document of a text; `List` documents give their items. Throws on YAML errors. */
export function parseManifests(text, source = 'input') {
  const out = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) throw new Error(`${source}: ${doc.errors[0].message.split('\n')[0]}`);
    const obj = doc.toJS({ maxAliasCount: 100 });
    if (!obj) continue;
    if (obj.kind === 'List' && Array.isArray(obj.items)) out.push(...obj.items);
    else out.push(obj);
  }
  return out;
}

/** Manifests of every *.yaml / *.yml file below `dir`, files in name order. */
export function readManifestDir(dir) {
  const files = [];
  const walk = (d) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e)) files.push(p);
    }
  };
  walk(dir);
  return files.flatMap((f) => parseManifests(readFileSync(f, 'utf8'), f));
}

let bundleCache;

/** The Istio CRDs: the bundle if it exists, else CRDs rebuilt from schemas/ (same names, versions, schemas). */
export function istioCrds(bundle = process.env.ISTIO_CRD_BUNDLE || DEFAULT_CRD_BUNDLE) {
  if (bundleCache?.path === bundle) return structuredClone(bundleCache.crds);
  let crds;
  if (existsSync(bundle))
    crds = parseManifests(readFileSync(bundle, 'utf8'), bundle).filter(
      (o) => o.kind === 'CustomResourceDefinition',
    );
  else crds = crdsFromSchemas();
  bundleCache = { path: bundle, crds };
  return structuredClone(crds);
}

function crdsFromSchemas() {
  const index = JSON.parse(readFileSync(join(ROOT, 'schemas', 'index.json'), 'utf8'));
  return index.kinds.map((k) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${k.plural}.${k.group}`, labels: { app: 'istio-pilot', release: 'istio' } },
    spec: {
      group: k.group,
      names: {
        kind: k.kind,
        listKind: `${k.kind}List`,
        plural: k.plural,
        singular: k.kind.toLowerCase(),
        ...(k.shortNames?.length ? { shortNames: k.shortNames } : {}),
        categories: ['istio-io', k.group.replace(/\./g, '-')],
      },
      scope: k.scope,
      versions: k.versions.map((v) => {
        const file = join(ROOT, 'schemas', k.group, v, `${k.kind}.json`);
        const schema = existsSync(file)
          ? JSON.parse(readFileSync(file, 'utf8'))
          : { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
        return {
          name: v,
          served: true,
          storage: v === k.storageVersion,
          schema: { openAPIV3Schema: schema },
          subresources: { status: {} },
        };
      }),
    },
  }));
}

const GATEWAY_API = [
  {
    kind: 'GatewayClass',
    plural: 'gatewayclasses',
    scope: 'Cluster',
    shortNames: ['gc'],
    versions: ['v1', 'v1beta1'],
  },
  {
    kind: 'Gateway',
    plural: 'gateways',
    scope: 'Namespaced',
    shortNames: ['gtw'],
    versions: ['v1', 'v1beta1'],
  },
  { kind: 'HTTPRoute', plural: 'httproutes', scope: 'Namespaced', versions: ['v1', 'v1beta1'] },
  { kind: 'GRPCRoute', plural: 'grpcroutes', scope: 'Namespaced', versions: ['v1'] },
  {
    kind: 'ReferenceGrant',
    plural: 'referencegrants',
    scope: 'Namespaced',
    shortNames: ['refgrant'],
    versions: ['v1beta1'],
  },
];

/** The Gateway API standard-channel CRDs (schemas left open: the server does not validate them). */
export function gatewayApiCrds() {
  const group = 'gateway.networking.k8s.io';
  return GATEWAY_API.map((k) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${k.plural}.${group}`,
      annotations: {
        'gateway.networking.k8s.io/bundle-version': 'v1.3.0',
        'gateway.networking.k8s.io/channel': 'standard',
      },
    },
    spec: {
      group,
      names: {
        kind: k.kind,
        listKind: `${k.kind}List`,
        plural: k.plural,
        singular: k.kind.toLowerCase(),
        ...(k.shortNames ? { shortNames: k.shortNames } : {}),
        categories: ['gateway-api'],
      },
      scope: k.scope,
      versions: k.versions.map((v, i) => ({
        name: v,
        served: true,
        storage: i === 0,
        schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        subresources: { status: {} },
      })),
    },
  }));
}

/** Orders manifests so that each one's namespace and CRD exist before it: namespaces, CRDs, the rest. */
export function seedOrder(objs) {
  const rank = (o) => (o.kind === 'Namespace' ? 0 : o.kind === 'CustomResourceDefinition' ? 1 : 2);
  return [...objs].sort((a, b) => rank(a) - rank(b));
}
