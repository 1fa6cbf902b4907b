import type { Rule } from '../rule';
import { addressesRequired } from './addressesRequired';
import { dnsHostNotFqdn } from './dnsHostNotFqdn';
import { dynamicDnsAddresses } from './dynamicDnsAddresses';
import { dynamicDnsHost } from './dynamicDnsHost';
import { dynamicDnsProtocol } from './dynamicDnsProtocol';
import { endpointAddressUnsetWithNetwork } from './endpointAddressUnsetWithNetwork';
import { exportTo } from './exportTo';
import { invalidAddress } from './invalidAddress';
import { invalidEndpointAddress } from './invalidEndpointAddress';
import { invalidEndpointLabels } from './invalidEndpointLabels';
import { invalidHost } from './invalidHost';
import { invalidPortName } from './invalidPortName';
import { invalidWorkloadSelector } from './invalidWorkloadSelector';
import { multipleHostsNonHttp } from './multipleHostsNonHttp';
import { multipleHostsWithAddress } from './multipleHostsWithAddress';
import { partialWildcardHost } from './partialWildcardHost';
import { selectorWithoutLabels } from './selectorWithoutLabels';
import { undefinedEndpointPort } from './undefinedEndpointPort';
import { unixEndpointPortCount } from './unixEndpointPortCount';
import { unsupportedProtocol } from './unsupportedProtocol';
import { workloadSelectorWithNone } from './workloadSelectorWithNone';

/**
 * The rules of this kind, one per file in this folder. `*` hosts, CIDRs outside NONE/STATIC,
 * workloadSelector with endpoints, endpoints with NONE, several DNS_ROUND_ROBIN endpoints, duplicate
 * port numbers, port ranges and unix socket endpoints are CEL rules of the CRD.
 */
export const rules: readonly Rule[] = [
  selectorWithoutLabels,
  invalidWorkloadSelector,
  invalidHost,
  partialWildcardHost,
  invalidAddress,
  invalidPortName,
  unsupportedProtocol,
  addressesRequired,
  workloadSelectorWithNone,
  invalidEndpointAddress,
  endpointAddressUnsetWithNetwork,
  unixEndpointPortCount,
  undefinedEndpointPort,
  invalidEndpointLabels,
  dnsHostNotFqdn,
  multipleHostsWithAddress,
  multipleHostsNonHttp,
  dynamicDnsHost,
  dynamicDnsAddresses,
  dynamicDnsProtocol,
  exportTo,
];
