import type { Rule } from '../rule';
import { targetRefRule } from '../shared/targetRefs';
import { KIND } from './policy';

export const invalidTargetRef: Rule = targetRefRule('ap-invalid-target-ref', KIND);
