import type { Rule } from '../rule';
import { emptyAudience } from './emptyAudience';
import { emptyOutputClaim } from './emptyOutputClaim';
import { emptyTokenLocation } from './emptyTokenLocation';
import { invalidJwks } from './invalidJwks';
import { invalidTargetRef } from './invalidTargetRef';
import { issuerRequired } from './issuerRequired';
import { jwksPrivateKey } from './jwksPrivateKey';
import { selectorWithoutLabels } from './selectorWithoutLabels';
import { timeoutPrecision } from './timeoutPrecision';

/** The rules of this kind, one per file in this folder. */
export const rules: readonly Rule[] = [
  selectorWithoutLabels,
  invalidTargetRef,
  issuerRequired,
  emptyAudience,
  invalidJwks,
  jwksPrivateKey,
  emptyTokenLocation,
  emptyOutputClaim,
  timeoutPrecision,
];
