import type { Rule } from '../rule';
import { connectionPoolEmpty } from './connectionPoolEmpty';
import { connectionPoolNegative } from './connectionPoolNegative';
import { consecutiveErrorsDeprecated } from './consecutiveErrorsDeprecated';
import { cookieAttributeName } from './cookieAttributeName';
import { duplicateSubsetName } from './duplicateSubsetName';
import { durationPrecision } from './durationPrecision';
import { exportTo } from './exportTo';
import { exportToWithSelector } from './exportToWithSelector';
import { failoverWithoutOutlierDetection } from './failoverWithoutOutlierDetection';
import { h2UpgradeWithClientProtocol } from './h2UpgradeWithClientProtocol';
import { host } from './host';
import { httpCookieName } from './httpCookieName';
import { localOriginFailuresWithoutSplit } from './localOriginFailuresWithoutSplit';
import { localityDistributeAndFailover } from './localityDistributeAndFailover';
import { localityDistributeWeights } from './localityDistributeWeights';
import { localityFailoverPriorityTopology } from './localityFailoverPriorityTopology';
import { localityFailoverRegions } from './localityFailoverRegions';
import { localityFormat } from './localityFormat';
import { maglevTableSize } from './maglevTableSize';
import { minimumRingSizeDeprecated } from './minimumRingSizeDeprecated';
import { minimumRingSizeWithHashAlgorithm } from './minimumRingSizeWithHashAlgorithm';
import { noCaCertificatesDestination } from './noCaCertificatesDestination';
import { noCaCertificatesPort } from './noCaCertificatesPort';
import { outlierPercent } from './outlierPercent';
import { portLevelPortRequired } from './portLevelPortRequired';
import { portTrafficPolicyEmpty } from './portTrafficPolicyEmpty';
import { selectorWithoutLabels } from './selectorWithoutLabels';
import { subsetLabels } from './subsetLabels';
import { subsetName } from './subsetName';
import { tcpIdleTimeout } from './tcpIdleTimeout';
import { tlsConfigMapCredential } from './tlsConfigMapCredential';
import { tlsCredentialNameConflict } from './tlsCredentialNameConflict';
import { tlsInsecureSkipVerify } from './tlsInsecureSkipVerify';
import { tlsMutualMissingCert } from './tlsMutualMissingCert';
import { trafficPolicyEmpty } from './trafficPolicyEmpty';
import { tunnelProtocol } from './tunnelProtocol';
import { tunnelTargetHost } from './tunnelTargetHost';
import { tunnelTargetPort } from './tunnelTargetPort';
import { tunnelWithProxyProtocol } from './tunnelWithProxyProtocol';
import { warmupAggression } from './warmupAggression';

/** The rules of this kind, one per file in this folder. */
export const rules: readonly Rule[] = [
  host,
  subsetName,
  duplicateSubsetName,
  subsetLabels,
  exportTo,
  exportToWithSelector,
  selectorWithoutLabels,
  trafficPolicyEmpty,
  tunnelWithProxyProtocol,
  tunnelProtocol,
  tunnelTargetHost,
  tunnelTargetPort,
  portLevelPortRequired,
  portTrafficPolicyEmpty,
  consecutiveErrorsDeprecated,
  localOriginFailuresWithoutSplit,
  outlierPercent,
  connectionPoolEmpty,
  connectionPoolNegative,
  h2UpgradeWithClientProtocol,
  durationPrecision,
  tcpIdleTimeout,
  httpCookieName,
  cookieAttributeName,
  minimumRingSizeDeprecated,
  minimumRingSizeWithHashAlgorithm,
  maglevTableSize,
  localityDistributeAndFailover,
  localityFailoverPriorityTopology,
  localityDistributeWeights,
  localityFormat,
  failoverWithoutOutlierDetection,
  localityFailoverRegions,
  warmupAggression,
  tlsConfigMapCredential,
  tlsInsecureSkipVerify,
  tlsCredentialNameConflict,
  tlsMutualMissingCert,
  noCaCertificatesDestination,
  noCaCertificatesPort,
];
