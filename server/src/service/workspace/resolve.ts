/**
 * Name resolution as Istio 1.30 does it (pilot/pkg/model): short hosts, wildcards, exportTo,
 * gateway references and gateway server hosts. Pure functions; the Resolver applies them to the
 * workspace and cluster.
 */
import { hostsOverlap, isIpAddress } from '../rules/shared/hostnames';

/** ResolveShortnameToFQDN: a host without a dot becomes name.<namespace>.svc.<domain>. */
export function toFqdn(host: string, namespace: string, domain: string): string {
  if (host === '*' || host.includes('.') || isIpAddress(host)) return host;
  return `${host}.${namespace}.svc.${domain}`;
}

/** The namespace and name of a cluster-local Service host (name.ns.svc.<domain>), if it is one. */
export function serviceOfHost(host: string, domain: string): { name: string; namespace: string } | undefined {
  const suffix = `.svc.${domain}`;
  if (!host.endsWith(suffix)) return undefined;
  const parts = host.slice(0, -suffix.length).split('.');
  if (parts.length !== 2 || parts[0] === '*' || !parts[0] || !parts[1]) return undefined;
  return { name: parts[0], namespace: parts[1] };
}

/** The hostname of a Kubernetes Service. */
export function serviceHost(name: string, namespace: string, domain: string): string {
  return `${name}.${namespace}.svc.${domain}`;
}

/**
 * Is a resource of `own` namespace with this exportTo visible in namespace `client`? `.` is its own
 * namespace, `*` every namespace, `~` none; without exportTo the mesh default applies.
 */
export function visibleTo(
  exportTo: readonly string[] | undefined,
  own: string,
  client: string,
  meshDefault: readonly string[],
): boolean {
  const list = exportTo && exportTo.length ? exportTo : meshDefault;
  return list.some((e) => e === '*' || (e === '.' ? own === client : e !== '~' && e === client));
}

/** Do two exportTo scopes share a namespace? */
export function scopesOverlap(
  a: { exportTo?: readonly string[]; namespace: string },
  b: { exportTo?: readonly string[]; namespace: string },
  meshDefault: readonly string[],
): boolean {
  const expand = (x: { exportTo?: readonly string[]; namespace: string }): Set<string> | '*' => {
    const l = x.exportTo && x.exportTo.length ? x.exportTo : meshDefault;
    if (l.includes('*')) return '*';
    return new Set(l.filter((e) => e !== '~').map((e) => (e === '.' ? x.namespace : e)));
  };
  const ea = expand(a);
  const eb = expand(b);
  if (ea === '*') return eb === '*' || eb.size > 0;
  if (eb === '*') return ea.size > 0;
  for (const n of ea) if (eb.has(n)) return true;
  return false;
}

export type GatewayRef = { mesh: true } | { mesh: false; namespace: string; name: string; legacy: boolean };

/** resolveGatewayName: every form Istio accepts for a VirtualService `gateways` entry. */
export function parseGatewayRef(ref: string, vsNamespace: string): GatewayRef {
  if (ref === 'mesh') return { mesh: true };
  const slash = ref.indexOf('/');
  if (slash !== -1) {
    const ns = ref.slice(0, slash);
    return {
      mesh: false,
      namespace: ns === '.' ? vsNamespace : ns,
      name: ref.slice(slash + 1),
      legacy: false,
    };
  }
  const dot = ref.indexOf('.');
  if (dot !== -1) {
    const parts = ref.split('.');
    return { mesh: false, namespace: parts[1], name: parts[0], legacy: true };
  }
  return { mesh: false, namespace: vsNamespace, name: ref, legacy: false };
}

/** A Gateway server host `[ns/]dnsName`: the namespaces it admits and the DNS name. */
export function parseServerHost(h: string, gatewayNs: string): { namespace: string; host: string } {
  const slash = h.indexOf('/');
  if (slash === -1) return { namespace: '*', host: h };
  const ns = h.slice(0, slash);
  return { namespace: ns === '.' ? gatewayNs : ns, host: h.slice(slash + 1) };
}

/** Does a (possibly wildcard) pattern match a host? Wildcards match in either direction. */
export const hostMatches = hostsOverlap;

/**
 * MostSpecificHostMatch: of the candidate hosts that match `host`, the exact one, otherwise the
 * longest wildcard.
 */
export function mostSpecific(host: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const c of candidates) {
    if (c === host) return c;
    if (!c.startsWith('*')) continue;
    if (!hostsOverlap(c, host) || (host.startsWith('*') && c.length > host.length)) continue;
    if (!best || c.length > best.length) best = c;
  }
  return best;
}

/** Kubernetes label selection: every selector label is present with the same value. */
export function selects(
  selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
): boolean {
  for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return false;
  return true;
}

/** An Istio string match with `*` prefix/suffix wildcards (namespaces, principals). */
export function wildcardMatch(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  return pattern === value;
}
