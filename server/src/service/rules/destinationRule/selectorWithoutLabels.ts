import { selectorWithoutLabelsRule } from '../shared/selectors';

export const selectorWithoutLabels = selectorWithoutLabelsRule({
  code: 'dr-selector-without-labels',
  kind: 'DestinationRule',
  loc: { field: 'workloadSelector', labels: 'matchLabels' },
  effect: 'the DestinationRule applies to every workload in its namespace',
});
