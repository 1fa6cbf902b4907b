import type { WorkspaceRule } from '../workspace/rule';
import { gatewayCredentialInvalid } from './gatewayCredentialInvalid';
import { gatewayCredentialNotFound } from './gatewayCredentialNotFound';
import { gatewayPortNotOnService } from './gatewayPortNotOnService';
import { ineffectiveSelector } from './ineffectiveSelector';
import { jwtClaimRouting } from './jwtClaimRouting';
import { namespaceNotInjected } from './namespaceNotInjected';
import { podMissingProxy } from './podMissingProxy';
import { proxyImageMismatch } from './proxyImageMismatch';
import { sidecarIneffective } from './sidecarIneffective';
import { sidecarSelectorConflict } from './sidecarSelectorConflict';
import { telemetrySelectorConflict } from './telemetrySelectorConflict';

/** The checks that mostly need the live cluster (pods, injection, Secrets); they run with the workspace rules. */
export const CLUSTER_RULES: readonly WorkspaceRule[] = [
  gatewayCredentialNotFound,
  gatewayCredentialInvalid,
  gatewayPortNotOnService,
  namespaceNotInjected,
  podMissingProxy,
  proxyImageMismatch,
  sidecarSelectorConflict,
  telemetrySelectorConflict,
  sidecarIneffective,
  ineffectiveSelector,
  jwtClaimRouting,
];
