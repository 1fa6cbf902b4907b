/**
 * Gateway `servers[].hosts` and Sidecar `egress[].hosts`: `[namespace/]dnsName`, checked like Istio's
 * ValidateNamespaceSlashWildcardHostname. Returns the problems of one host (empty when it is valid).
 */
import { isDns1123Label, isIpAddress, validatePartialWildcard, validateWildcardDomain } from './hostnames';

function dnsNameProblems(name: string, gateway: boolean): string[] {
  const out: string[] = [];
  if (name !== '*' && !name.includes('.'))
    out.push(`"${name}" is a short name; use a fully qualified name (with a dot) or "*"`);
  const wildcard = validateWildcardDomain(name);
  // A Gateway also accepts an IP address as host.
  if (wildcard && !(gateway && isIpAddress(name))) out.push(wildcard);
  const partial = validatePartialWildcard(name);
  if (partial) out.push(partial);
  return out;
}

export function namespacedHostProblems(host: string, gateway: boolean): string[] {
  const slash = host.indexOf('/');
  if (slash < 0) {
    return gateway
      ? dnsNameProblems(host, true)
      : ['the host must have the form namespace/dnsName (for example "./*" or "istio-system/*")'];
  }
  const ns = host.slice(0, slash);
  const name = host.slice(slash + 1);
  const out: string[] = [];
  if (ns === '' || name === '') out.push('neither the namespace nor the dnsName may be empty');
  const specials = gateway ? ['*', '.'] : ['*', '.', '~'];
  if (!specials.includes(ns) && !isDns1123Label(ns)) {
    out.push(
      `"${ns}" is not a valid namespace: use ${specials.map((s) => `"${s}"`).join(', ')} or a namespace name`,
    );
  }
  out.push(...dnsNameProblems(name, gateway));
  return [...new Set(out)];
}
