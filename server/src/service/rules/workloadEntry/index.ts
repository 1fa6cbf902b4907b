import type { Rule } from '../rule';
import { addressRequired } from './addressRequired';
import { addressUnsetWithNetwork } from './addressUnsetWithNetwork';
import { invalidAddress } from './invalidAddress';
import { invalidLabels } from './invalidLabels';

/**
 * The rules of this kind, one per file in this folder. Unix socket paths, ports on unix addresses,
 * port names and port numbers are CEL rules of the CRD, which the engine already reports.
 */
export const rules: readonly Rule[] = [
  addressRequired,
  addressUnsetWithNetwork,
  invalidAddress,
  invalidLabels,
];
