/**
 * IP addresses and CIDR blocks, checked the way Istio's Go code does (net.ParseIP, net/netip).
 * Pure functions: each returns an error message, or undefined when the value is valid.
 */

/** Dotted-decimal IPv4: four decimal parts 0..255, no leading zeros (Go rejects them since 1.17). */
export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  return parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

/** IPv6 in any standard form, optionally ending in an embedded IPv4 address. `allowZone` accepts `%zone`. */
export function isIPv6(s: string, allowZone = false): boolean {
  let addr = s;
  const pct = s.indexOf('%');
  if (pct >= 0) {
    if (!allowZone || pct === s.length - 1) return false;
    addr = s.slice(0, pct);
  }
  if (!addr.includes(':')) return false;
  let groups = 8;
  const last = addr.slice(addr.lastIndexOf(':') + 1);
  if (last.includes('.')) {
    if (!isIPv4(last)) return false;
    addr = addr.slice(0, addr.length - last.length) + '0:0';
  }
  const halves = addr.split('::');
  if (halves.length > 2) return false;
  const hex = /^[0-9a-fA-F]{1,4}$/;
  const split = (h: string): string[] | undefined => {
    if (h === '') return [];
    const g = h.split(':');
    return g.every((x) => hex.test(x)) ? g : undefined;
  };
  const head = split(halves[0]);
  if (!head) return false;
  if (halves.length === 1) return head.length === groups;
  const tail = split(halves[1]);
  if (!tail) return false;
  groups -= 1; // "::" stands for at least one group of zeros
  return head.length + tail.length <= groups;
}

/** Go's net.ParseIP: IPv4 or IPv6, no zone. */
export function isIP(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}

/** Go's netip.ParsePrefix: `addr/bits`, no zone, bits in decimal without a sign or leading zeros. */
export function isCIDR(s: string): boolean {
  const slash = s.lastIndexOf('/');
  if (slash < 0) return false;
  const addr = s.slice(0, slash);
  const bits = s.slice(slash + 1);
  if (!/^(0|[1-9][0-9]*)$/.test(bits)) return false;
  if (isIPv4(addr)) return Number(bits) <= 32;
  if (isIPv6(addr)) return Number(bits) <= 128;
  return false;
}

/** An address field that must be a plain IP (Gateway/Sidecar `bind`, for example). */
export function validateIPAddress(s: string): string | undefined {
  return isIP(s) ? undefined : `'${s}' is not a valid IP address`;
}

/** An address that may be an IP or, with exactly one '/', a CIDR block (ServiceEntry `addresses`). */
export function validateIPSubnet(s: string): string | undefined {
  if (s.split('/').length === 2) return isCIDR(s) ? undefined : `'${s}' is not a valid CIDR block`;
  return validateIPAddress(s);
}

/**
 * An AuthorizationPolicy IP value (`ipBlocks`, `source.ip` conditions, ...): a CIDR range when it
 * contains '/', otherwise an IP address (an IPv6 zone is accepted there).
 */
export function validateIPBlock(s: string): string | undefined {
  if (s.includes('/')) return isCIDR(s) ? undefined : `'${s}' is not a valid CIDR range`;
  return isIPv4(s) || isIPv6(s, true) ? undefined : `'${s}' is not a valid IP address`;
}
