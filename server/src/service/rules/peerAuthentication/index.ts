import type { Rule } from '../rule';

/** The rules of this kind, one per file in this folder. */
export const rules: readonly Rule[] = [];
