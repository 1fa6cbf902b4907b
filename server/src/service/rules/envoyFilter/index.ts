import type { Rule } from '../rule';
import { addOnRoute } from './addOnRoute';
import { removeOnRoute } from './removeOnRoute';

/** The rules of this kind. */
export const rules: readonly Rule[] = [addOnRoute, removeOnRoute];
