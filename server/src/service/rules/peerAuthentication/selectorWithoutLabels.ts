import type { Rule } from '../rule';
import { MATCH_LABELS, selectorWithoutLabelsRule } from '../shared/selectors';

export const selectorWithoutLabels: Rule = selectorWithoutLabelsRule({
  code: 'pa-selector-without-labels',
  kind: 'PeerAuthentication',
  loc: MATCH_LABELS,
  effect: 'the policy applies to every workload in its namespace (and it cannot use portLevelMtls)',
});
