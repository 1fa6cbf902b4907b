/**
 * Host names, checked like Istio's agent validation (pkg/config/validation/agent): FQDNs, wildcard
 * domains, partial wildcards, and the VirtualService forms that also accept IPs. Each check returns an
 * error message, or undefined when the name is fine.
 */
import { isIPv4, isIPv6 } from './ip';
import { byteLength } from './values';

// Istio's DNS-1123 label pattern accepts upper-case letters too.
const DNS_LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const WILDCARD_LABEL = /^(?:\*|(?:\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;

/** A DNS-1123 label: letters, digits and '-', starting and ending with a letter or digit, ≤ 63 characters. */
export function isDns1123Label(s: string): boolean {
  return s.length <= 63 && DNS_LABEL.test(s);
}

/** A DNS-1123 label that may also be `*`, or start with `*` or `*-`. */
export function isWildcardDns1123Label(s: string): boolean {
  return s.length <= 63 && WILDCARD_LABEL.test(s);
}

/** Netip's ParseAddr, as Istio's IsValidIPAddress uses it: IPv4 or IPv6 (a zone is allowed). */
export function isIpAddress(s: string): boolean {
  return isIPv4(s) || isIPv6(s, true);
}

function preconditions(name: string): string | undefined {
  if (byteLength(name) > 255) return `domain name "${name}" is too long (at most 255 characters)`;
  if (name.length === 0) return 'an empty domain name is not allowed';
  return undefined;
}

/** Go's strconv.Atoi succeeds: an optional sign and digits that fit in an int64. */
function isGoInt(s: string): boolean {
  if (!/^[+-]?[0-9]+$/.test(s)) return false;
  const n = BigInt(s);
  return n >= -(1n << 63n) && n < 1n << 63n;
}

function dns1123Labels(domain: string): string | undefined {
  const parts = domain.split('.');
  const tld = parts[parts.length - 1];
  if (isGoInt(tld))
    return `domain name "${domain}" is invalid: the top-level domain "${tld}" cannot be all digits`;
  for (let i = 0; i < parts.length; i++) {
    // A trailing dot (an empty last label) is allowed: "istio.io.".
    if (i === parts.length - 1 && parts[i] === '') return undefined;
    if (!isDns1123Label(parts[i])) {
      return `domain name "${domain}" is invalid: "${parts[i]}" is not a DNS label (letters, digits and '-', at most 63 characters)`;
    }
  }
  return undefined;
}

/** A fully qualified domain name: 1..255 characters of DNS labels, not ending in an all-digit label. */
export function validateFqdn(name: string): string | undefined {
  return preconditions(name) ?? dns1123Labels(name);
}

/**
 * Like an FQDN, but the first label may be `*`, `*xyz` or `*-xyz`. Short names (`reviews`) pass; IP
 * addresses fail (their last label is all digits).
 */
export function validateWildcardDomain(name: string): string | undefined {
  const pre = preconditions(name);
  if (pre) return pre;
  const dot = name.indexOf('.');
  const first = dot === -1 ? name : name.slice(0, dot);
  if (!isWildcardDns1123Label(first)) {
    return `domain name "${name}" is invalid: "${first}" is not a DNS label (only the first label may be or start with '*')`;
  }
  return dot === -1 ? undefined : dns1123Labels(name.slice(dot + 1));
}

/** A name containing `*` must be exactly `*` or start with `*.`. */
export function validatePartialWildcard(name: string): string | undefined {
  if (name.includes('*') && name.length !== 1 && !name.startsWith('*.')) {
    return `partial wildcard "${name}" is not allowed: use "*" or a name starting with "*."`;
  }
  return undefined;
}

/**
 * A host of a VirtualService bound to gateways: a wildcard domain, or, when the VirtualService has TLS
 * SNI matches, the auto-generated `outbound_.<port>_._.<hostname>` form.
 */
export function validateGatewayVirtualServiceHost(name: string, sni: boolean): string | undefined {
  const pre = preconditions(name);
  if (pre) return pre;
  if (sni && name.startsWith('outbound_')) {
    const parts = name.split('_');
    const format = 'outbound_.<PORT>_._.<HOSTNAME>';
    if (parts.length < 4) return `domain name "${name}" is invalid: it should follow the ${format} format`;
    const port = parts[1].replace(/^\.+|\.+$/g, '');
    const host = parts[3].replace(/^\.+|\.+$/g, '');
    if (!/[0-9]/.test(port))
      return `domain name "${name}" is invalid: "${port}" should be a port (${format})`;
    if (!/[a-zA-Z]/.test(host))
      return `domain name "${name}" is invalid: "${host}" should be a host name (${format})`;
    return undefined;
  }
  return validateWildcardDomain(name);
}

const isWild = (h: string): boolean => h.startsWith('*');

/** Istio's host.Name.Matches: the two (possibly wildcard) names overlap. */
export function hostsOverlap(a: string, b: string): boolean {
  if (isWild(a)) {
    if (isWild(b))
      return a.length < b.length ? b.slice(1).endsWith(a.slice(1)) : a.slice(1).endsWith(b.slice(1));
    return b.endsWith(a.slice(1));
  }
  if (isWild(b)) return a.endsWith(b.slice(1));
  return a === b;
}

/** Istio's host.Name.SubsetOf: every name matched by `a` is also matched by `b`. */
export function hostSubsetOf(a: string, b: string): boolean {
  if (isWild(a)) {
    if (isWild(b)) return a.length >= b.length && a.slice(1).endsWith(b.slice(1));
    return false;
  }
  if (isWild(b)) return a.endsWith(b.slice(1));
  return a === b;
}
