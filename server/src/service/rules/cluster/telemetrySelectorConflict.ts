import { WORKLOAD_KINDS } from '../../workspace/summary';
import { selectorLabels } from '../workspace/refs';
import type { WorkspaceRule } from '../workspace/rule';
import { reportSelectorConflicts } from './selectorConflicts';

/** IST0159: a workload selected by more than one Telemetry with a selector. */
export const telemetrySelectorConflict: WorkspaceRule = {
  id: 'telemetry-selector-conflict',
  code: 'IST0159',
  severity: 'error',
  reads: ['Telemetry', ...WORKLOAD_KINDS],
  title: 'A workload is selected by several Telemetry resources',
  explanation:
    'Among the Telemetry resources of a namespace that have a selector, at most one should select a given workload; with several, which one applies is undefined. Make the selectors disjoint, or merge them.',
  check(ctx) {
    reportSelectorConflicts(ctx, 'Telemetry', (t) => selectorLabels(t.spec, 'selector', 'matchLabels'), [
      'spec',
      'selector',
      'matchLabels',
    ]);
  },
};
