import type { Rule } from '../rule';
import { MATCH_LABELS, selectorWithoutLabelsRule } from '../shared/selectors';

export const selectorWithoutLabels: Rule = selectorWithoutLabelsRule({
  code: 'tel-selector-without-labels',
  kind: 'Telemetry',
  loc: MATCH_LABELS,
  effect: 'the settings apply to every workload in its namespace',
});
