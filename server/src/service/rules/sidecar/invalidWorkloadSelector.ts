import type { Rule } from '../rule';
import { selectorKeysRule } from '../shared/selectors';
import { KIND } from './listeners';

export const invalidWorkloadSelector: Rule = selectorKeysRule('sc-invalid-workload-selector', KIND);
