import { authorizationPolicyNamespace } from './authorizationPolicyNamespace';
import { conflictingGateways } from './conflictingGateways';
import { multipleDefaultSidecars, multipleDefaultTelemetries } from './defaultSelectorConflicts';
import { deploymentConflictingPorts, deploymentMultipleServices } from './deploymentMultipleServices';
import { destinationPortRequired } from './destinationPortRequired';
import { destinationRuleHostUnknown } from './destinationRuleHostUnknown';
import { duplicateSubsets } from './duplicateSubsets';
import { gatewayDuplicateCertificate } from './gatewayDuplicateCertificate';
import { gatewayHostMismatch } from './gatewayHostMismatch';
import { gatewayNotFound } from './gatewayNotFound';
import { hostNotFound } from './hostNotFound';
import { ingressRouteRulesNotAffected } from './ingressRouteRulesNotAffected';
import { meshHostConflict } from './meshHostConflict';
import { mtlsConflict } from './mtlsConflict';
import { principalServiceAccount } from './principalServiceAccount';
import type { WorkspaceRule } from './rule';
import { authorizationPolicyNoWorkload, gatewaySelectorNoWorkload } from './selectorPolicies';
import { selectorNoWorkload } from './selectorNoWorkload';
import { servicePortName } from './servicePortName';
import { subsetNotFound } from './subsetNotFound';
import { subsetSelectsNoPods } from './subsetSelectsNoPods';
import { CLUSTER_RULES } from '../cluster/index';

/** Every cross-resource rule. */
export const WORKSPACE_RULES: readonly WorkspaceRule[] = [
  subsetNotFound,
  gatewayNotFound,
  hostNotFound,
  authorizationPolicyNamespace,
  selectorNoWorkload,
  gatewaySelectorNoWorkload,
  principalServiceAccount,
  meshHostConflict,
  gatewayHostMismatch,
  multipleDefaultSidecars,
  multipleDefaultTelemetries,
  destinationPortRequired,
  deploymentMultipleServices,
  deploymentConflictingPorts,
  servicePortName,
  authorizationPolicyNoWorkload,
  gatewayDuplicateCertificate,
  ingressRouteRulesNotAffected,
  conflictingGateways,
  subsetSelectsNoPods,
  destinationRuleHostUnknown,
  duplicateSubsets,
  mtlsConflict,
  ...CLUSTER_RULES,
];
