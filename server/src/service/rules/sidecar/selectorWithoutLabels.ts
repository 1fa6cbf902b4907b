import type { Rule } from '../rule';
import { selectorWithoutLabelsRule, WORKLOAD_SELECTOR_LABELS } from '../shared/selectors';
import { KIND } from './listeners';

export const selectorWithoutLabels: Rule = selectorWithoutLabelsRule({
  code: 'sc-selector-without-labels',
  kind: KIND,
  loc: WORKLOAD_SELECTOR_LABELS,
  effect: 'it will be applied to all services in the namespace',
});
