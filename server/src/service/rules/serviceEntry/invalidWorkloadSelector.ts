import type { Rule } from '../rule';
import { selectorKeysRule } from '../shared/selectors';
import { KIND } from './entry';

export const invalidWorkloadSelector: Rule = selectorKeysRule('se-invalid-workload-selector', KIND);
