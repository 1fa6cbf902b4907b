import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * The CRDs of an older Istio, derived from the bundled 1.30.3 schemas by taking away what was added
 * later. Each removal was checked against Istio's own CRD bundle (manifests/charts/base/…/crd-all.gen.yaml
 * at the release tags of istio/istio):
 * - DestinationRule `trafficPolicy.retryBudget`: absent at 1.21.0, 1.22.0 and 1.26.0, present at 1.27.0;
 * - the `networking.istio.io/v1` version of DestinationRule: absent at 1.21.0, present at 1.22.0;
 * - the TrafficExtension kind: absent at 1.21.0 and 1.27.0.
 * So these stand for an Istio 1.21 cluster, as far as these three facts go.
 */
export const OLDER_ISTIO = '1.21.6';

const ROOT = join(__dirname, '..', '..');

interface KindEntry {
  group: string;
  kind: string;
  plural: string;
  scope: string;
  versions: string[];
  storageVersion: string;
}

/** The bundled CRD of a kind, rebuilt from schemas/ as the test API server does. */
export function bundledCrd(kind: string, resourceVersion = '1'): Record<string, unknown> {
  const index = JSON.parse(readFileSync(join(ROOT, 'schemas', 'index.json'), 'utf8')) as {
    kinds: KindEntry[];
  };
  const k = index.kinds.find((x) => x.kind === kind);
  if (!k) throw new Error(`no bundled kind ${kind}`);
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${k.plural}.${k.group}`,
      resourceVersion,
      labels: { app: 'istio-pilot', release: 'istio' },
    },
    spec: {
      group: k.group,
      names: { kind: k.kind, listKind: `${k.kind}List`, plural: k.plural, singular: k.kind.toLowerCase() },
      scope: k.scope,
      versions: k.versions.map((v) => ({
        name: v,
        served: true,
        storage: v === k.storageVersion,
        schema: {
          openAPIV3Schema: <unknown>(
            JSON.parse(readFileSync(join(ROOT, 'schemas', k.group, v, `${k.kind}.json`), 'utf8'))
          ),
        },
      })),
    },
  };
}

function withoutProperty(node: unknown, name: string): void {
  if (!node || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  const props = n.properties as Record<string, unknown> | undefined;
  if (props && name in props) delete props[name];
  for (const v of Object.values(n)) withoutProperty(v, name);
}

/** The DestinationRule CRD of the older Istio: no retryBudget anywhere, and no v1 (v1beta1 stores). */
export function olderDestinationRuleCrd(resourceVersion = '1'): Record<string, unknown> {
  const crd = bundledCrd('DestinationRule', resourceVersion);
  const spec = crd.spec as { versions: { name: string; storage: boolean }[] };
  spec.versions = spec.versions.filter((v) => v.name !== 'v1');
  for (const v of spec.versions) v.storage = v.name === 'v1beta1';
  withoutProperty(spec, 'retryBudget');
  return crd;
}

/** The seeded istiod Deployment of the bookinfo demo cluster, running the older Istio. */
export function olderIstiod(): Record<string, unknown> {
  const file = join(ROOT, 'scripts', 'apiserver', 'seeds', 'bookinfo', '10-istio-system.yaml');
  const docs = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as Record<string, unknown>);
  const istiod = docs.find(
    (d) => d.kind === 'Deployment' && (d.metadata as { name?: string } | undefined)?.name === 'istiod',
  );
  if (!istiod) throw new Error('the seed has no istiod Deployment');
  const text = JSON.stringify(istiod).replace(/pilot:1\.30\.3/g, `pilot:${OLDER_ISTIO}`);
  return JSON.parse(text) as Record<string, unknown>;
}
