import type { Rule } from '../rule';
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
  invalidJwks,
  jwksPrivateKey,
  timeoutPrecision,
];
