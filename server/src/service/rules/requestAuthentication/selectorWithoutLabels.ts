import type { Rule } from '../rule';
import { MATCH_LABELS, selectorWithoutLabelsRule } from '../shared/selectors';
import { KIND } from './jwtRules';

export const selectorWithoutLabels: Rule = selectorWithoutLabelsRule({
  code: 'ra-selector-without-labels',
  kind: KIND,
  loc: MATCH_LABELS,
  effect: 'the JWT rules apply to every workload in its namespace',
});
