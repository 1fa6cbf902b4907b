/**
 * The live cluster as one more source for the workspace resolver: cluster summaries become
 * `Resource`s with `origin: { cluster }` and no parsed document. A kind counts as complete (absence
 * means missing) only while it is `synced` (or not served at all); stale, forbidden, syncing and
 * unknown kinds prove nothing, so nothing becomes a false error. Pods stand for every workload kind:
 * the cluster's running pods are what selectors and subsets match.
 */
import { ISTIO_GROUPS } from '../schema/catalog';
import type { ResourceSource } from '../workspace/resolver';
import { GATEWAY_API_GROUP, WORKLOAD_KINDS, type Resource } from '../workspace/summary';
import type {
  AnySummary,
  ClusterKind,
  ConfigMapSummary,
  MeshConfigSummary,
  ClusterView,
  CustomObjectSummary,
  KindState,
  PodSummary,
  SecretSummary,
  ServiceSummary,
} from './types';
import { isObj } from '../rules/shared/values';

/** Core kinds the index files under the same name as the cluster store. */
const CORE: ReadonlySet<string> = new Set(['Namespace', 'Service', 'ServiceAccount', 'Secret', 'Pod']);

/** How a kind's state reads in a message ("Services in cluster X are not readable: forbidden"). */
const WHY: Partial<Record<KindState, string>> = {
  forbidden: 'are not readable: forbidden',
  syncing: 'are not synced yet',
  stale: 'may be out of date: the connection is down',
  unknown: 'have not been read',
};

const ORIGINAL = new WeakMap<Resource, AnySummary>();

/** The cluster summary a Resource was made from (pod proxy, Secret keys); undefined for workspace files. */
export function clusterSummary(r: Resource): AnySummary | undefined {
  return ORIGINAL.get(r);
}

export class ClusterSource implements ResourceSource {
  private readonly converted = new WeakMap<AnySummary, Resource>();
  private readonly lists = new Map<string, { revision: number; list: readonly Resource[] }>();

  constructor(readonly view: ClusterView) {}

  get revision(): number {
    return this.view.revision;
  }

  /** `cluster <context>`, or undefined while no cluster is in use. */
  get label(): string | undefined {
    return this.view.context ? `cluster ${this.view.context}` : undefined;
  }

  /** The cluster kinds that hold an index kind (Pods for every workload kind). */
  clusterKinds(kind: string): ClusterKind[] {
    if (CORE.has(kind)) return [kind as ClusterKind];
    if (WORKLOAD_KINDS.includes(kind) || kind === 'ConfigMap') return [];
    if (kind.includes('/')) return kind.startsWith(`${GATEWAY_API_GROUP}/`) ? [kind as ClusterKind] : [];
    return ISTIO_GROUPS.map((g): ClusterKind => `${g}/${kind}`);
  }

  /** The state that decides whether an index kind is complete. */
  private stateOf(kind: string): { kind: ClusterKind; state: KindState } | undefined {
    if (!this.view.context) return undefined;
    const ck = WORKLOAD_KINDS.includes(kind) ? ['Pod' as ClusterKind] : this.clusterKinds(kind);
    if (!ck.length) return undefined;
    const states = ck.map((k) => ({ kind: k, state: this.view.state(k) }));
    // An Istio kind lives in one group: the group the cluster knows about decides.
    const known = states.find((s) => s.state !== 'unknown');
    if (known) return known;
    // No reflector for it: when the CRD list is complete and serves no such kind, none can exist.
    if (ck.length > 1 && this.view.state('CustomResourceDefinition') === 'synced') {
      const served = this.view
        .list('CustomResourceDefinition')
        .some((c) => c.crdKind === kind && ck.includes(`${c.group}/${c.crdKind}`));
      if (!served) return { kind: states[0].kind, state: 'absent' };
    }
    return states[0];
  }

  complete(kind: string): boolean {
    const s = this.stateOf(kind);
    return s?.state === 'synced' || s?.state === 'absent';
  }

  /** Why the cluster cannot prove absence for a kind ("Pods in cluster x are not readable: forbidden"). */
  explain(kind: string): string | undefined {
    const s = this.stateOf(kind);
    if (!s || s.state === 'synced' || s.state === 'absent') return undefined;
    const plural = s.kind.slice(s.kind.indexOf('/') + 1).replace(/([^aeiou])y$/, '$1ie') + 's';
    return `${plural} in ${this.label ?? 'the cluster'} ${WHY[s.state] ?? s.state}`;
  }

  resources(kind: string): readonly Resource[] {
    if (!this.view.context) return [];
    const cached = this.lists.get(kind);
    if (cached?.revision === this.view.revision) return cached.list;
    const out: Resource[] = [];
    // Of ConfigMaps only the `istio` one is read, for MeshConfig; the kind is never complete.
    const kinds: ClusterKind[] = kind === 'ConfigMap' ? ['ConfigMap'] : this.clusterKinds(kind);
    for (const ck of kinds) {
      const state = this.view.state(ck);
      if (state === 'unknown' || state === 'absent' || state === 'forbidden') continue;
      for (const s of this.view.list(ck)) {
        if (ck === 'ConfigMap' && !(s as ConfigMapSummary).mesh) continue;
        let r = this.converted.get(s);
        if (!r) {
          r = toResource(s, this.view.context);
          this.converted.set(s, r);
          ORIGINAL.set(r, s);
        }
        out.push(r);
      }
    }
    this.lists.set(kind, { revision: this.view.revision, list: out });
    return out;
  }
}

/** A cluster summary as the index's Resource (no parsed document, so never a subject of a finding). */
export function toResource(s: AnySummary, context: string): Resource {
  const slash = s.kind.indexOf('/');
  const group = slash >= 0 ? s.kind.slice(0, slash) : '';
  const kind = slash >= 0 ? s.kind.slice(slash + 1) : s.kind;
  const r: Resource = {
    uri: `kubernetes://${encodeURIComponent(context)}/${s.kind}/${s.namespace}/${s.name}`,
    doc: 0,
    group,
    version: 'v1',
    kind,
    name: s.name,
    namespace: s.namespace,
    declaredNamespace: s.namespace || undefined,
    labels: { ...s.labels },
    annotations: {},
    origin: { cluster: context },
  };
  switch (s.kind) {
    case 'Service': {
      const svc = s as ServiceSummary;
      r.service = {
        ports: svc.ports.map((p, index) => ({ ...p, index })),
        selector: svc.selector ? { ...svc.selector } : undefined,
        type: svc.type,
        exportTo: svc.exportTo,
      };
      if (svc.exportTo) r.annotations['networking.istio.io/exportTo'] = svc.exportTo.join(',');
      break;
    }
    case 'Secret':
      r.secretType = (s as SecretSummary).type;
      break;
    case 'Pod':
      r.workload = {
        labels: { ...s.labels },
        annotations: (s as PodSummary).ambient ? { 'ambient.istio.io/redirection': 'enabled' } : {},
        serviceAccountName: (s as PodSummary).serviceAccount || 'default',
        containers: [],
        path: ['metadata'],
      };
      break;
    case 'Namespace':
    case 'ServiceAccount':
      break;
    case 'ConfigMap':
      r.meshText = JSON.stringify(meshConfigOf((s as ConfigMapSummary).mesh ?? {}));
      break;
    default: {
      const c = s as CustomObjectSummary;
      const v = c.apiVersion.slice(c.apiVersion.indexOf('/') + 1);
      if (v) r.version = v;
      r.spec = isObj(c.spec) ? c.spec : {};
    }
  }
  return r;
}

/** A MeshConfig document (the fields the resolver reads) from the cluster's summary of it. */
function meshConfigOf(m: MeshConfigSummary): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (m.rootNamespace) out.rootNamespace = m.rootNamespace;
  if (m.trustDomain) out.trustDomain = m.trustDomain;
  if (m.defaultServiceExportTo) out.defaultServiceExportTo = m.defaultServiceExportTo;
  if (m.defaultVirtualServiceExportTo) out.defaultVirtualServiceExportTo = m.defaultVirtualServiceExportTo;
  if (m.defaultDestinationRuleExportTo) out.defaultDestinationRuleExportTo = m.defaultDestinationRuleExportTo;
  if (m.outboundTrafficPolicyMode) out.outboundTrafficPolicy = { mode: m.outboundTrafficPolicyMode };
  return out;
}
