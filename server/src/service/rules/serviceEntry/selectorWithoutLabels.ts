import type { Rule } from '../rule';
import { selectorWithoutLabelsRule, WORKLOAD_SELECTOR_LABELS } from '../shared/selectors';
import { KIND } from './entry';

export const selectorWithoutLabels: Rule = selectorWithoutLabelsRule({
  code: 'se-selector-without-labels',
  kind: KIND,
  loc: WORKLOAD_SELECTOR_LABELS,
  effect: 'it will be applied to all services in the namespace',
});
