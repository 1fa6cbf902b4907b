/** The host checks of ValidateVirtualService, shared by the host rules. */
import { isIpAddress, validateGatewayVirtualServiceHost, validateWildcardDomain } from './hostnames';
import { appliesToGateway, hasSniHosts, hostsOf } from './virtualServiceParts';
import { list, type Obj } from './values';

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
