import type { ClusterKind, CrdSummary } from '../service/cluster/types';
import { isMeshGroup } from '../service/cluster/summarize';

/** One list+watch: which resource, which path, and which objects of the kind it owns in the store. */
export interface ResourceDef {
  /** Unique per reflector. */
  id: string;
  kind: ClusterKind;
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
  labelSelector?: string;
  fieldSelector?: string;
  /** For kinds shared by several reflectors: the objects this one owns. */
  owns?: (name: string) => boolean;
}

const core = (kind: ClusterKind, plural: string, namespaced = true): ResourceDef => ({
  id: kind,
  kind,
  group: '',
  version: 'v1',
  plural,
  namespaced,
});

/** The fixed kinds: core objects, injection webhooks, the two Istio ConfigMaps, CRDs, istiod, Gateway API. */
export const BASE_RESOURCES: ResourceDef[] = [
  core('Namespace', 'namespaces', false),
  core('Service', 'services'),
  core('Pod', 'pods'),
  core('ServiceAccount', 'serviceaccounts'),
  core('Secret', 'secrets'),
  {
    id: 'MutatingWebhookConfiguration',
    kind: 'MutatingWebhookConfiguration',
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    plural: 'mutatingwebhookconfigurations',
    namespaced: false,
  },
  {
    ...core('ConfigMap', 'configmaps'),
    id: 'ConfigMap/istio',
    fieldSelector: 'metadata.name=istio',
    owns: (n) => n === 'istio',
  },
  {
    ...core('ConfigMap', 'configmaps'),
    id: 'ConfigMap/istio-sidecar-injector',
    fieldSelector: 'metadata.name=istio-sidecar-injector',
    owns: (n) => n === 'istio-sidecar-injector',
  },
  {
    id: 'CustomResourceDefinition',
    kind: 'CustomResourceDefinition',
    group: 'apiextensions.k8s.io',
    version: 'v1',
    plural: 'customresourcedefinitions',
    namespaced: false,
  },
  {
    id: 'Deployment',
    kind: 'Deployment',
    group: 'apps',
    version: 'v1',
    plural: 'deployments',
    namespaced: true,
    labelSelector: 'app=istiod',
  },
];

/** Gateway API kinds read even before the CRD list arrives; 404 marks them absent. */
export const GATEWAY_API: ResourceDef[] = [
  {
    id: 'gateway.networking.k8s.io/Gateway',
    kind: 'gateway.networking.k8s.io/Gateway',
    group: 'gateway.networking.k8s.io',
    version: 'v1',
    plural: 'gateways',
    namespaced: true,
  },
  {
    id: 'gateway.networking.k8s.io/HTTPRoute',
    kind: 'gateway.networking.k8s.io/HTTPRoute',
    group: 'gateway.networking.k8s.io',
    version: 'v1',
    plural: 'httproutes',
    namespaced: true,
  },
];

/** Kubernetes' version priority: GA before beta before alpha, higher numbers first, others last by name. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string): [number, number, number] | undefined => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return undefined;
    const level = m[2] === 'alpha' ? 1 : m[2] === 'beta' ? 2 : 3;
    return [level, Number(m[1]), m[3] ? Number(m[3]) : 0];
  };
  const pa = parse(a);
  const pb = parse(b);
  if (pa && pb) return pb[0] - pa[0] || pb[1] - pa[1] || pb[2] - pa[2];
  if (pa) return -1;
  if (pb) return 1;
  return a.localeCompare(b);
}

/** The reflector for an Istio CRD: its most preferred served version. Undefined when nothing is served. */
export function crdResource(crd: CrdSummary): ResourceDef | undefined {
  if (!isMeshGroup(crd.group) || !crd.plural || !crd.crdKind) return undefined;
  const served = crd.versions
    .filter((v) => v.served)
    .map((v) => v.name)
    .sort(compareVersions);
  if (!served.length) return undefined;
  const kind: ClusterKind = `${crd.group}/${crd.crdKind}`;
  return {
    id: kind,
    kind,
    group: crd.group,
    version: served[0],
    plural: crd.plural,
    namespaced: crd.scope === 'Namespaced',
  };
}

export function resourcePath(def: ResourceDef): string {
  return def.group ? `/apis/${def.group}/${def.version}/${def.plural}` : `/api/v1/${def.plural}`;
}
