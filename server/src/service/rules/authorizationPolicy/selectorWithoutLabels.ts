import type { Rule } from '../rule';
import { MATCH_LABELS, selectorWithoutLabelsRule } from '../shared/selectors';
import { KIND } from './policy';

export const selectorWithoutLabels: Rule = selectorWithoutLabelsRule({
  code: 'ap-selector-without-labels',
  kind: KIND,
  loc: MATCH_LABELS,
  effect: 'the policy applies to every workload in its namespace',
});
