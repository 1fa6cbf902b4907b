import type { Rule } from '../rule';
import { emptyCustomTagName } from './emptyCustomTagName';
import { emptyTagOverrideName } from './emptyTagOverrideName';
import { invalidTargetRef } from './invalidTargetRef';
import { multipleTracing } from './multipleTracing';
import { multipleTracingProviders } from './multipleTracingProviders';
import { selectorWithoutLabels } from './selectorWithoutLabels';
import { tagOverrideWithoutValue } from './tagOverrideWithoutValue';

/**
 * The rules of this kind, one per file in this folder. Empty provider names, custom tag values,
 * customMetric, the sampling percentage range and the explicit UPSERT/REMOVE value rules are enforced by
 * the CRD schema and its CEL rules, which the engine already reports.
 */
export const rules: readonly Rule[] = [
  selectorWithoutLabels,
  invalidTargetRef,
  multipleTracing,
  multipleTracingProviders,
  emptyCustomTagName,
  tagOverrideWithoutValue,
  emptyTagOverrideName,
];
