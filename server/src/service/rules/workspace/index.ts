import { authorizationPolicyNamespace } from './authorizationPolicyNamespace';
import { gatewayNotFound } from './gatewayNotFound';
import { hostNotFound } from './hostNotFound';
import type { WorkspaceRule } from './rule';
import { selectorNoWorkload } from './selectorNoWorkload';
import { subsetNotFound } from './subsetNotFound';

/** Every cross-resource rule. */
export const WORKSPACE_RULES: readonly WorkspaceRule[] = [
  subsetNotFound,
  gatewayNotFound,
  hostNotFound,
  authorizationPolicyNamespace,
  selectorNoWorkload,
];
