import type { Rule } from '../rule';
import { connectionPoolDuration } from './connectionPoolDuration';
import { duplicateEgressHost } from './duplicateEgressHost';
import { duplicatePort } from './duplicatePort';
import { egressCatchAll } from './egressCatchAll';
import { egressNoHosts } from './egressNoHosts';
import { egressProxyMode } from './egressProxyMode';
import { emptyConnectionPool } from './emptyConnectionPool';
import { emptySidecar } from './emptySidecar';
import { h2UpgradeWithClientProtocol } from './h2UpgradeWithClientProtocol';
import { httpPoolOnNonHttpPort } from './httpPoolOnNonHttpPort';
import { ingressTlsMode } from './ingressTlsMode';
import { ingressTlsProtocol } from './ingressTlsProtocol';
import { ingressTlsUnsupportedField } from './ingressTlsUnsupportedField';
import { invalidBind } from './invalidBind';
import { invalidDefaultEndpoint } from './invalidDefaultEndpoint';
import { invalidEgressHost } from './invalidEgressHost';
import { invalidEgressProxy } from './invalidEgressProxy';
import { invalidPortName } from './invalidPortName';
import { invalidPortNumber } from './invalidPortNumber';
import { invalidWorkloadSelector } from './invalidWorkloadSelector';
import { negativeConnectionPoolLimit } from './negativeConnectionPoolLimit';
import { selectorWithoutLabels } from './selectorWithoutLabels';
import { targetPort } from './targetPort';
import { tlsCipherSuiteIgnored } from './tlsCipherSuiteIgnored';
import { tlsCrlUnsupported } from './tlsCrlUnsupported';
import { tlsIstioMutualWithCerts } from './tlsIstioMutualWithCerts';
import { tlsMissingCerts } from './tlsMissingCerts';
import { tlsMultipleCertSources } from './tlsMultipleCertSources';
import { tlsOldVersionWithoutCiphers } from './tlsOldVersionWithoutCiphers';
import { tlsPassthroughWithCerts } from './tlsPassthroughWithCerts';
import { udsCaptureMode } from './udsCaptureMode';
import { unsupportedProtocol } from './unsupportedProtocol';

/** The rules of this kind, one per file in this folder. */
export const rules: readonly Rule[] = [
  selectorWithoutLabels,
  invalidWorkloadSelector,
  emptySidecar,
  targetPort,
  invalidPortName,
  unsupportedProtocol,
  invalidPortNumber,
  invalidBind,
  udsCaptureMode,
  duplicatePort,
  invalidDefaultEndpoint,
  ingressTlsUnsupportedField,
  ingressTlsMode,
  ingressTlsProtocol,
  tlsOldVersionWithoutCiphers,
  tlsCipherSuiteIgnored,
  tlsIstioMutualWithCerts,
  tlsPassthroughWithCerts,
  tlsMultipleCertSources,
  tlsMissingCerts,
  tlsCrlUnsupported,
  emptyConnectionPool,
  negativeConnectionPoolLimit,
  h2UpgradeWithClientProtocol,
  connectionPoolDuration,
  httpPoolOnNonHttpPort,
  egressCatchAll,
  egressNoHosts,
  invalidEgressHost,
  duplicateEgressHost,
  egressProxyMode,
  invalidEgressProxy,
];
