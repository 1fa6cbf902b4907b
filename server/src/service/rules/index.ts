import type { Rule } from './rule';
import { rules as authorizationPolicy } from './authorizationPolicy/index';
import { rules as destinationRule } from './destinationRule/index';
import { rules as envoyFilter } from './envoyFilter/index';
import { rules as gateway } from './gateway/index';
import { rules as peerAuthentication } from './peerAuthentication/index';
import { rules as requestAuthentication } from './requestAuthentication/index';
import { rules as serviceEntry } from './serviceEntry/index';
import { rules as sidecar } from './sidecar/index';
import { rules as telemetry } from './telemetry/index';
import { rules as virtualService } from './virtualService/index';
import { rules as workloadEntry } from './workloadEntry/index';

/** Every semantic rule. Each rule lives in its own file under rules/<kind>/ and is listed there. */
export const ALL_RULES: readonly Rule[] = [
  ...virtualService,
  ...destinationRule,
  ...peerAuthentication,
  ...authorizationPolicy,
  ...gateway,
  ...serviceEntry,
  ...sidecar,
  ...requestAuthentication,
  ...workloadEntry,
  ...telemetry,
  ...envoyFilter,
];
