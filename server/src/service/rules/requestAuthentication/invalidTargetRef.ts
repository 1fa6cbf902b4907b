import type { Rule } from '../rule';
import { targetRefRule } from '../shared/targetRefs';
import { KIND } from './jwtRules';

export const invalidTargetRef: Rule = targetRefRule('ra-invalid-target-ref', KIND);
