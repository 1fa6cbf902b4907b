/** The host checks of ValidateVirtualService, shared by the host rules. */
import { isIpAddress, validateGatewayVirtualServiceHost, validateWildcardDomain } from './hostnames';
import {
  appliesToGateway,
  hasSniHosts,
  hostsOf,
  matchesOf,
  noMeshGateway,
  routesOf,
} from './virtualServiceParts';
import { list, type Obj } from './values';
import { subsetOfAny } from './hostOverlaps';

export interface HostCheck {
  host: string;
  index: number;
  /** The domain-name error, unless the host is an IP (which VirtualService hosts may be). */
  error?: string;
  /** `*` on a VirtualService that applies to the mesh. */
  meshWildcard: boolean;
}

export function checkHosts(spec: Obj | undefined): HostCheck[] {
  const gateway = appliesToGateway(spec);
  const sni = gateway && hasSniHosts(spec);
  return hostsOf(spec).map(({ host, index }) => {
    const err = gateway ? validateGatewayVirtualServiceHost(host, sni) : validateWildcardDomain(host);
    return {
      host,
      index,
      error: err && !isIpAddress(host) ? err : undefined,
      meshWildcard: !err && !gateway && host === '*',
    };
  });
}

/** Istio only looks for duplicate hosts when every host passed the checks above. */
export function allHostsValid(spec: Obj | undefined): boolean {
  const hosts = list(spec?.hosts);
  if (hosts.some((h) => typeof h !== 'string')) return false;
  return checkHosts(spec).every((h) => !h.error && !h.meshWildcard);
}

export interface SniHostCheck {
  host: string;
  path: (string | number)[];
  /** The domain-name error (not set for IPs). */
  error?: string;
  /** An IP address: allowed, but against the SNI spec. */
  ip: boolean;
  /** A valid name that is not under any VirtualService host. */
  outsideHosts: boolean;
}

/** validateSniHost for every TLS match SNI host. */
export function checkSniHosts(spec: Obj | undefined): SniHostCheck[] {
  const out: SniHostCheck[] = [];
  const gateway = noMeshGateway(spec);
  const covered = subsetOfAny(hostsOf(spec).map((h) => h.host));
  for (const r of routesOf(spec, 'tls')) {
    for (const m of matchesOf(r)) {
      list(m.value.sniHosts).forEach((host, i) => {
        if (typeof host !== 'string') return;
        const path = [...m.path, 'sniHosts', i];
        const err = gateway ? validateGatewayVirtualServiceHost(host, true) : validateWildcardDomain(host);
        if (err) {
          const ip = isIpAddress(host);
          out.push({ host, path, error: ip ? undefined : err, ip, outsideHosts: false });
          return;
        }
        out.push({ host, path, ip: false, outsideHosts: !covered(host) });
      });
    }
  }
  return out;
}
