/**
 * The one resolver. Every cross-resource check (and later completion and navigation) asks it what a
 * host, subset, gateway, selector or namespace refers to. It reads the workspace index first and
 * then any other sources (a ClusterView, when one is connected): the workspace wins over a source for
 * the same kind, namespace and name.
 *
 * A lookup says `found`, `missing` (a source that holds every resource of that kind says it is not
 * there) or `unknown` (nothing holds it, but nothing can prove it is absent either).
 */
import { obj, list, str } from '../rules/shared/values';
import { DEFAULT_MESH, parseMesh, type MeshSettings } from './mesh';
import {
  mostSpecific,
  parseGatewayRef,
  selects,
  serviceHost,
  serviceOfHost,
  toFqdn,
  visibleTo,
  hostMatches,
  type GatewayRef,
} from './resolve';
import type { Resource } from './summary';
import { WORKLOAD_KINDS } from './summary';
import { K8S_GATEWAY, type WorkspaceIndex } from './workspaceIndex';

/** Another place resources come from, such as a live cluster (server/src/service/cluster/). */
export interface ResourceSource {
  /** The resources of a kind (see kindKey), with their namespace. */
  resources(kind: string): readonly Resource[];
  /** True when the source holds every resource of the kind, so that absence means missing. */
  complete(kind: string): boolean;
  /** Changes whenever the source's content changes. */
  readonly revision: number;
  /** What messages call the source ("cluster prod-eu"); undefined while it holds nothing. */
  readonly label?: string;
  /** Why the source cannot prove absence for a kind ("Services in cluster x are not readable: forbidden"). */
  explain?(kind: string): string | undefined;
}

export type Lookup<T> = { status: 'found'; targets: T[] } | { status: 'missing' } | { status: 'unknown' };

export interface ResolverOptions {
  clusterDomain?: string;
  /** MeshConfig text from istio.mesh.configFile; overrides the istio ConfigMap. */
  meshText?: string;
}

export interface ChosenDestinationRule {
  /** The rules of one namespace that Istio merges for the host. */
  rules: Resource[];
  namespace: string;
  host: string;
}

export class Resolver {
  private meshCache?: { stamp: string; mesh: MeshSettings };
  private readonly memo = new Map<string, { stamp: string; revision: string; value: unknown }>();
  /**
   * While set, every lookup adds what it read to it: `kind|namespace`, or `kind|*` for a read across
   * namespaces. The cross checks use it to re-check only the resources whose reads changed
   * (crossChecks.ts; WorkspaceIndex.depStamp gives each one's stamp).
   */
  tracking?: Set<string>;

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly options: ResolverOptions = {},
    readonly sources: readonly ResourceSource[] = [],
  ) {}

  /** A number that changes whenever anything the resolver reads may have changed. */
  stamp(kinds: readonly string[]): string {
    return [
      ...kinds.map((k) => this.index.stamp(k)),
      this.index.stamp('ConfigMap'),
      ...this.sources.map((s) => s.revision),
    ].join(',');
  }

  /** Changes whenever another source (a cluster) changes; the workspace index has its own stamps. */
  sourcesRevision(): string {
    return this.sources.map((s) => s.revision).join(',');
  }

  /**
   * Records a read for `tracking`: `kind|namespace`, `kind|*` across namespaces (the format
   * WorkspaceIndex.depStamp reads). The cross checks record their own reads of subjects here too.
   */
  read(kind: string, namespace = '*'): void {
    this.tracking?.add(`${kind}|${namespace}`);
  }

  /** Changes whenever anything the resolver can read changes (cheaper than stamp, for any kind). */
  revision(): string {
    return this.sources.length
      ? `${this.index.revision},${this.sources.map((s) => s.revision).join(',')}`
      : String(this.index.revision);
  }

  get mesh(): MeshSettings {
    // The istio ConfigMap may come from a source (the cluster's) as well as from the workspace.
    this.read('ConfigMap');
    const stamp = this.stamp([]);
    if (this.meshCache?.stamp === stamp) return this.meshCache.mesh;
    const base = { ...DEFAULT_MESH, clusterDomain: this.options.clusterDomain || DEFAULT_MESH.clusterDomain };
    let mesh = base;
    if (this.options.meshText !== undefined) mesh = parseMesh(this.options.meshText, base);
    else {
      const cm = this.resources('ConfigMap').find(
        (r) => r.meshText !== undefined && r.namespace === base.rootNamespace,
      );
      if (cm?.meshText) mesh = parseMesh(cm.meshText, base);
    }
    this.meshCache = { stamp, mesh };
    return mesh;
  }

  get domain(): string {
    return this.mesh.clusterDomain;
  }

  fqdn(host: string, namespace: string): string {
    return toFqdn(host, namespace, this.domain);
  }

  /** Every resource of a kind: the workspace, then other sources' resources the workspace does not hold. */
  resources(kind: string): readonly Resource[] {
    this.read(kind);
    const own = this.index.resources(kind);
    if (!this.sources.length) return own;
    const seen = new Set(own.map((r) => `${r.namespace}/${r.name}`));
    const out = [...own];
    for (const s of this.sources)
      for (const r of s.resources(kind)) if (!seen.has(`${r.namespace}/${r.name}`)) out.push(r);
    return out;
  }

  /**
   * A value derived from some kinds, rebuilt only when one of them changes (keeps lookups linear).
   * It counts as a read of every namespace of those kinds, unless `narrow`: then the caller records
   * the namespaces it looks at.
   */
  private derived<T>(name: string, kinds: readonly string[], build: () => T, narrow = false): T {
    if (!narrow) for (const k of kinds) this.read(k);
    const tracking = this.tracking;
    this.tracking = undefined;
    try {
      return this.derive(name, kinds, build);
    } finally {
      this.tracking = tracking;
    }
  }

  private derive<T>(name: string, kinds: readonly string[], build: () => T): T {
    const m = this.memo.get(name);
    const revision = this.revision();
    if (m && m.revision === revision) return m.value as T; // nothing changed at all
    const stamp = this.stamp(kinds);
    if (m && m.stamp === stamp) {
      m.revision = revision;
      return m.value as T;
    }
    const value = build();
    this.memo.set(name, { stamp, revision, value });
    return value;
  }

  private push<T>(map: Map<string, T[]>, key: string, v: T): void {
    const l = map.get(key);
    if (l) l.push(v);
    else map.set(key, [v]);
  }

  /** Services and ServiceEntries by exact host, and ServiceEntries with wildcard hosts. */
  private hostTable(): { exact: Map<string, Resource[]>; wild: Resource[] } {
    return this.derived('hosts', ['Service', 'ServiceEntry'], () => {
      const exact = new Map<string, Resource[]>();
      const wild: Resource[] = [];
      for (const svc of this.resources('Service'))
        this.push(exact, serviceHost(svc.name, svc.namespace, this.domain), svc);
      for (const se of this.resources('ServiceEntry'))
        for (const h of strings(se.spec?.hosts) ?? []) {
          if (h.startsWith('*')) {
            if (!wild.includes(se)) wild.push(se);
          } else this.push(exact, h, se);
        }
      return { exact, wild };
    });
  }

  /** True when some source holds every resource of the kind. */
  complete(kind: string): boolean {
    return this.sources.some((s) => s.complete(kind));
  }

  /** The label of a source that holds every resource of these kinds ("cluster prod-eu"), if one does. */
  sourceLabel(kinds: readonly string[]): string | undefined {
    return this.sources.find((s) => s.label && kinds.every((k) => s.complete(k)))?.label;
  }

  /** True when some source with a label (a connected cluster) is in use. */
  get connected(): boolean {
    return this.sources.some((s) => !!s.label);
  }

  /** Why the sources cannot prove absence for some of these kinds, one line per distinct reason. */
  gaps(kinds: readonly string[]): string[] {
    const out = new Set<string>();
    for (const k of kinds) {
      if (this.complete(k)) continue;
      for (const s of this.sources) {
        const why = s.label ? s.explain?.(k) : undefined;
        if (why) out.add(why);
      }
    }
    return [...out];
  }

  private absent<T>(...kinds: string[]): Lookup<T> {
    return kinds.every((k) => this.complete(k)) ? { status: 'missing' } : { status: 'unknown' };
  }

  /** Namespaces known to exist: Namespace objects, and every namespace a resource lives in. */
  namespaces(): Set<string> {
    const out = new Set<string>();
    for (const r of this.resources('Namespace')) out.add(r.name);
    return out;
  }

  /** Is there a Namespace object (or a source that lists every Namespace) for this name? */
  namespace(name: string): Lookup<Resource> {
    const n = this.resources('Namespace').filter((r) => r.name === name);
    return n.length ? { status: 'found', targets: n } : this.absent('Namespace');
  }

  serviceVisible(svc: Resource, client: string): boolean {
    return visibleTo(svc.service?.exportTo, svc.namespace, client, this.mesh.defaultServiceExportTo);
  }

  serviceEntryVisible(se: Resource, client: string): boolean {
    return visibleTo(strings(se.spec?.exportTo), se.namespace, client, this.mesh.defaultServiceExportTo);
  }

  /**
   * The Services and ServiceEntries a (FQDN) host names, as seen from a client namespace. Wildcard
   * hosts match in either direction.
   */
  services(host: string, client: string): Lookup<Resource> {
    const visible = (t: Resource): boolean =>
      t.kind === 'Service' ? this.serviceVisible(t, client) : this.serviceEntryVisible(t, client);
    let candidates: Resource[];
    if (host.startsWith('*')) {
      candidates = [...this.resources('Service'), ...this.resources('ServiceEntry')].filter((t) =>
        t.kind === 'Service'
          ? hostMatches(host, serviceHost(t.name, t.namespace, this.domain))
          : (strings(t.spec?.hosts) ?? []).some((h) => hostMatches(host, h)),
      );
    } else {
      const table = this.hostTable();
      candidates = [
        ...(table.exact.get(host) ?? []),
        ...table.wild.filter((se) => (strings(se.spec?.hosts) ?? []).some((h) => hostMatches(host, h))),
      ];
    }
    const targets = [...new Set(candidates)].filter(visible);
    return targets.length ? { status: 'found', targets } : this.absent('Service', 'ServiceEntry');
  }

  /** The host a DestinationRule applies to, in FQDN form. */
  drHost(dr: Resource): string | undefined {
    const h = str(dr.spec?.host);
    return h ? this.fqdn(h, dr.namespace) : undefined;
  }

  /**
   * PushContext.destinationRule: the DestinationRule(s) Istio applies to traffic from `client` to
   * `host`: the client's namespace first, then the service's namespace, then the root namespace.
   */
  destinationRule(
    host: string,
    client: string,
    serviceNamespace?: string,
  ): ChosenDestinationRule | undefined {
    // Per namespace: the rules (no workloadSelector) with their FQDN host, by exact host, and those
    // with a wildcard host, each in index order. Rebuilt only when a DestinationRule changes.
    const byNs = this.derived(
      'drs',
      ['DestinationRule'],
      () => {
        const m = new Map<
          string,
          { exact: Map<string, Resource[]>; wild: { dr: Resource; host: string }[] }
        >();
        for (const dr of this.resources('DestinationRule')) {
          if (obj(dr.spec?.workloadSelector)) continue;
          let t = m.get(dr.namespace);
          if (!t) m.set(dr.namespace, (t = { exact: new Map(), wild: [] }));
          const h = this.drHost(dr);
          if (!h) continue;
          this.push(t.exact, h, dr);
          if (h.startsWith('*')) t.wild.push({ dr, host: h });
        }
        return m;
      },
      true,
    );
    // mostSpecific over the visible rules' hosts: the host itself when a rule names it, else the
    // longest matching wildcard; then every visible rule of that host.
    const pick = (ns: string, exported: boolean): ChosenDestinationRule | undefined => {
      this.read('DestinationRule', ns);
      const t = byNs.get(ns);
      if (!t) return undefined;
      const visible = (dr: Resource): boolean =>
        !exported ||
        visibleTo(strings(dr.spec?.exportTo), dr.namespace, client, this.mesh.defaultDestinationRuleExportTo);
      const exact = (t.exact.get(host) ?? []).filter(visible);
      if (exact.length) return { rules: exact, namespace: ns, host };
      const wild = t.wild.filter((w) => visible(w.dr));
      const best = mostSpecific(
        host,
        wild.map((w) => w.host),
      );
      if (!best) return undefined;
      return { rules: wild.filter((w) => w.host === best).map((w) => w.dr), namespace: ns, host: best };
    };
    const svcNs = serviceNamespace ?? serviceOfHost(host, this.domain)?.namespace;
    return (
      pick(client, false) ??
      (svcNs && svcNs !== client ? pick(svcNs, true) : undefined) ??
      (this.mesh.rootNamespace !== client ? pick(this.mesh.rootNamespace, true) : undefined)
    );
  }

  /** Is the DestinationRule set complete enough to say a subset is missing? */
  destinationRulesComplete(): boolean {
    return this.complete('DestinationRule');
  }

  /** A VirtualService `gateways` entry: the Istio Gateway or Gateway API Gateway it names. */
  gateway(ref: string, vsNamespace: string): { ref: GatewayRef; lookup: Lookup<Resource> } {
    const parsed = parseGatewayRef(ref, vsNamespace);
    if (parsed.mesh) return { ref: parsed, lookup: { status: 'found', targets: [] } };
    const key = nameKey(parsed.namespace, parsed.name);
    this.read('Gateway', parsed.namespace);
    this.read(K8S_GATEWAY, parsed.namespace);
    const targets = [
      ...(this.byName('Gateway').get(key) ?? []),
      ...(this.byName(K8S_GATEWAY).get(key) ?? []),
    ];
    return {
      ref: parsed,
      lookup: targets.length ? { status: 'found', targets } : this.absent('Gateway', K8S_GATEWAY),
    };
  }

  /**
   * Workloads by namespace (`undefined`: every namespace), each with its members in index order and
   * posting lists by `key=value` label, so that a selector is matched against the workloads that carry
   * one of its labels only.
   */
  private workloadTable(): Map<string | undefined, LabelTable> {
    return this.derived(
      'workloads',
      WORKLOAD_KINDS,
      () => {
        const byNs = new Map<string, Resource[]>();
        for (const kind of WORKLOAD_KINDS)
          for (const w of this.resources(kind)) if (w.workload) this.push(byNs, w.namespace, w);
        const out = new Map<string | undefined, LabelTable>();
        for (const [ns, members] of byNs)
          out.set(
            ns,
            labelTable(members, (w) => w.workload?.labels ?? {}),
          );
        out.set(
          undefined,
          labelTable([...byNs.values()].flat(), (w) => w.workload?.labels ?? {}),
        );
        return out;
      },
      true,
    );
  }

  /** Workloads (pod templates) in a namespace whose labels the selector matches. */
  workloads(namespace: string | undefined, selector: Readonly<Record<string, string>>): Lookup<Resource> {
    for (const kind of WORKLOAD_KINDS) this.read(kind, namespace ?? '*');
    const table = this.workloadTable().get(namespace);
    const targets = table
      ? narrowest(table, selector).filter((w) => w.workload && selects(selector, w.workload.labels))
      : [];
    return targets.length ? { status: 'found', targets } : this.absent(...WORKLOAD_KINDS);
  }

  /**
   * Services with a non-empty selector, by namespace, each filed under one of its selector's labels
   * (`key=value`, the first) with its position in the index, to answer servicesSelecting.
   */
  private serviceSelectorTable(): Map<string, Map<string, Filed[]>> {
    return this.derived(
      'serviceSelectors',
      ['Service'],
      () => {
        const out = new Map<string, Map<string, Filed[]>>();
        this.resources('Service').forEach((svc, order) => {
          const selector = svc.service?.selector;
          const first = selector ? Object.entries(selector)[0] : undefined;
          if (!first) return;
          let byLabel = out.get(svc.namespace);
          if (!byLabel) out.set(svc.namespace, (byLabel = new Map<string, Filed[]>()));
          this.push(byLabel, labelKey(first[0], first[1]), { svc, order });
        });
        return out;
      },
      true,
    );
  }

  /** Services whose selector matches a workload's labels (in its namespace), in index order. */
  servicesSelecting(w: Resource): Resource[] {
    this.read('Service', w.namespace);
    const labels = w.workload?.labels;
    const byLabel = labels && this.serviceSelectorTable().get(w.namespace);
    if (!labels || !byLabel) return [];
    // A service is filed under one label of its selector, and a workload has one value per key, so
    // each candidate comes up once.
    const hits: Filed[] = [];
    for (const [k, v] of Object.entries(labels))
      for (const c of byLabel.get(labelKey(k, v)) ?? [])
        if (c.svc.service?.selector && selects(c.svc.service.selector, labels)) hits.push(c);
    return hits.sort((a, b) => a.order - b.order).map((c) => c.svc);
  }

  /** The resources of a kind by `namespace/name`, each list in index order. */
  private byName(kind: string): Map<string, Resource[]> {
    return this.derived(
      `byName:${kind}`,
      [kind],
      () => {
        const m = new Map<string, Resource[]>();
        for (const r of this.resources(kind)) this.push(m, nameKey(r.namespace, r.name), r);
        return m;
      },
      true,
    );
  }

  /** The first Service (in index order) with this namespace and name. */
  serviceNamed(namespace: string, name: string): Resource | undefined {
    this.read('Service', namespace);
    return this.byName('Service').get(nameKey(namespace, name))?.[0];
  }

  /** The first ServiceEntry (in index order) whose `hosts` lists exactly this host. */
  serviceEntryListing(host: string): Resource | undefined {
    const byHost = this.derived('serviceEntriesByHost', ['ServiceEntry'], () => {
      const m = new Map<string, Resource>();
      for (const se of this.resources('ServiceEntry'))
        for (const h of strings(se.spec?.hosts) ?? []) if (!m.has(h)) m.set(h, se);
      return m;
    });
    return byHost.get(host);
  }

  /** ServiceAccounts by namespace and name. */
  serviceAccount(namespace: string, name: string): Lookup<Resource> {
    this.read('ServiceAccount', namespace);
    const targets = this.byName('ServiceAccount').get(nameKey(namespace, name)) ?? [];
    return targets.length ? { status: 'found', targets } : this.absent('ServiceAccount');
  }
}

/** A Service filed by a label of its selector, with its position in the index. */
interface Filed {
  svc: Resource;
  order: number;
}

/** Resources in index order, with posting lists by `key=value` label. */
interface LabelTable {
  all: Resource[];
  byLabel: Map<string, Resource[]>;
}

const labelKey = (k: string, v: string): string => `${k.length}:${k}=${v}`;

/** A key for namespace and name that no other pair shares, whatever characters they hold. */
const nameKey = (namespace: string, name: string): string => `${namespace.length}:${namespace}/${name}`;

function labelTable(
  members: Resource[],
  labels: (r: Resource) => Readonly<Record<string, string>>,
): LabelTable {
  const byLabel = new Map<string, Resource[]>();
  for (const r of members)
    for (const [k, v] of Object.entries(labels(r))) {
      const key = labelKey(k, v);
      const l = byLabel.get(key);
      if (l) l.push(r);
      else byLabel.set(key, [r]);
    }
  return { all: members, byLabel };
}

/**
 * The members that may match a selector: those carrying its rarest label (in index order), or every
 * member for an empty selector.
 */
function narrowest(table: LabelTable, selector: Readonly<Record<string, string>>): Resource[] {
  let best: Resource[] | undefined;
  for (const [k, v] of Object.entries(selector)) {
    const l = table.byLabel.get(labelKey(k, v)) ?? [];
    if (!best || l.length < best.length) best = l;
    if (!best.length) break;
  }
  return best ?? table.all;
}

/** A list of strings, or undefined when the field is not a list. */
export function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) ? list(v).filter((e): e is string => typeof e === 'string') : undefined;
}
