import type { Rule } from './rule';

/** Every semantic rule, in the order they run. Each rule lives in its own file under rules/<kind>/. */
export const ALL_RULES: readonly Rule[] = [];
