import type { Rule } from '../rule';
import { actionWithoutRules } from './actionWithoutRules';
import { conditionEmptyKey } from './conditionEmptyKey';
import { conditionWithoutValues } from './conditionWithoutValues';
import { customUnsupportedCondition } from './customUnsupportedCondition';
import { customUnsupportedSource } from './customUnsupportedSource';
import { customWithoutProvider } from './customWithoutProvider';
import { denyHttpOnly } from './denyHttpOnly';
import { dryRunAnnotation } from './dryRunAnnotation';
import { emptyFrom } from './emptyFrom';
import { emptyOperation } from './emptyOperation';
import { emptySource } from './emptySource';
import { emptyTo } from './emptyTo';
import { emptyValue } from './emptyValue';
import { internalAnnotation } from './internalAnnotation';
import { invalidConditionKey } from './invalidConditionKey';
import { invalidConditionValue } from './invalidConditionValue';
import { invalidIpBlock } from './invalidIpBlock';
import { invalidPathTemplate } from './invalidPathTemplate';
import { invalidPort } from './invalidPort';
import { invalidServiceAccount } from './invalidServiceAccount';
import { invalidTargetRef } from './invalidTargetRef';
import { invalidTrustDomain } from './invalidTrustDomain';
import { missingOperation } from './missingOperation';
import { missingSource } from './missingSource';
import { providerWithoutCustom } from './providerWithoutCustom';
import { selectorWithoutLabels } from './selectorWithoutLabels';

/** The rules of this kind, one per file in this folder. */
export const rules: readonly Rule[] = [
  selectorWithoutLabels,
  invalidTargetRef,
  actionWithoutRules,
  customWithoutProvider,
  customUnsupportedSource,
  customUnsupportedCondition,
  providerWithoutCustom,
  emptyFrom,
  missingSource,
  emptySource,
  invalidIpBlock,
  invalidServiceAccount,
  invalidTrustDomain,
  emptyTo,
  missingOperation,
  emptyOperation,
  invalidPort,
  invalidPathTemplate,
  emptyValue,
  conditionEmptyKey,
  conditionWithoutValues,
  invalidConditionKey,
  invalidConditionValue,
  denyHttpOnly,
  dryRunAnnotation,
  internalAnnotation,
];
