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
  private readonly memo = new Map<string, { stamp: string; value: unknown }>();

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

  get mesh(): MeshSettings {
    // The istio ConfigMap may come from a source (the cluster's) as well as from the workspace.
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
    const own = this.index.resources(kind);
    if (!this.sources.length) return own;
    const seen = new Set(own.map((r) => `${r.namespace}/${r.name}`));
    const out = [...own];
    for (const s of this.sources)
      for (const r of s.resources(kind)) if (!seen.has(`${r.namespace}/${r.name}`)) out.push(r);
    return out;
  }

  /** A value derived from some kinds, rebuilt only when one of them changes (keeps lookups linear). */
  private derived<T>(name: string, kinds: readonly string[], build: () => T): T {
    const stamp = this.stamp(kinds);
    const m = this.memo.get(name);
    if (m && m.stamp === stamp) return m.value as T;
    const value = build();
    this.memo.set(name, { stamp, value });
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
    const byNs = this.derived('drs', ['DestinationRule'], () => {
      const m = new Map<string, Resource[]>();
      for (const dr of this.resources('DestinationRule'))
        if (!obj(dr.spec?.workloadSelector)) this.push(m, dr.namespace, dr);
      return m;
    });
    const pick = (ns: string, exported: boolean): ChosenDestinationRule | undefined => {
      const candidates = (byNs.get(ns) ?? []).filter(
        (dr) =>
          !exported ||
          visibleTo(
            strings(dr.spec?.exportTo),
            dr.namespace,
            client,
            this.mesh.defaultDestinationRuleExportTo,
          ),
      );
      const hosts = candidates.flatMap((dr) => {
        const h = this.drHost(dr);
        return h ? [h] : [];
      });
      const best = mostSpecific(host, hosts);
      if (!best) return undefined;
      return { rules: candidates.filter((dr) => this.drHost(dr) === best), namespace: ns, host: best };
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
    const hit = (r: Resource): boolean => r.name === parsed.name && r.namespace === parsed.namespace;
    const targets = [...this.resources('Gateway').filter(hit), ...this.resources(K8S_GATEWAY).filter(hit)];
    return {
      ref: parsed,
      lookup: targets.length ? { status: 'found', targets } : this.absent('Gateway', K8S_GATEWAY),
    };
  }

  /** Workloads (pod templates) in a namespace whose labels the selector matches. */
  workloads(namespace: string | undefined, selector: Readonly<Record<string, string>>): Lookup<Resource> {
    const byNs = this.derived('workloads', WORKLOAD_KINDS, () => {
      const m = new Map<string, Resource[]>();
      for (const kind of WORKLOAD_KINDS) for (const w of this.resources(kind)) this.push(m, w.namespace, w);
      return m;
    });
    const pool = namespace === undefined ? [...byNs.values()].flat() : (byNs.get(namespace) ?? []);
    const targets = pool.filter((w) => w.workload && selects(selector, w.workload.labels));
    return targets.length ? { status: 'found', targets } : this.absent(...WORKLOAD_KINDS);
  }

  /** Services whose selector matches a workload's labels (in its namespace). */
  servicesSelecting(w: Resource): Resource[] {
    return this.resources('Service').filter(
      (s) =>
        s.namespace === w.namespace &&
        s.service?.selector &&
        Object.keys(s.service.selector).length > 0 &&
        w.workload !== undefined &&
        selects(s.service.selector, w.workload.labels),
    );
  }

  /** ServiceAccounts by namespace and name. */
  serviceAccount(namespace: string, name: string): Lookup<Resource> {
    const targets = this.resources('ServiceAccount').filter(
      (r) => r.namespace === namespace && r.name === name,
    );
    return targets.length ? { status: 'found', targets } : this.absent('ServiceAccount');
  }
}

/** A list of strings, or undefined when the field is not a list. */
export function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) ? list(v).filter((e): e is string => typeof e === 'string') : undefined;
}
