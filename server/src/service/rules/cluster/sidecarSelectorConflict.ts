import { WORKLOAD_KINDS } from '../../workspace/summary';
import { selectorLabels } from '../workspace/refs';
import type { WorkspaceRule } from '../workspace/rule';
import { reportSelectorConflicts } from './selectorConflicts';

/** IST0110: a workload selected by more than one Sidecar with a workloadSelector (ambient pods aside). */
export const sidecarSelectorConflict: WorkspaceRule = {
  id: 'sidecar-selector-conflict',
  code: 'IST0110',
  severity: 'error',
  reads: ['Sidecar', ...WORKLOAD_KINDS],
  title: 'A workload is selected by several Sidecars',
  explanation:
    'Each proxy uses at most one Sidecar resource with a workloadSelector. When several select the same pods, which one applies is undefined. Make the selectors disjoint, or merge the Sidecars.',
  check(ctx) {
    reportSelectorConflicts(
      ctx,
      'Sidecar',
      (s) => selectorLabels(s.spec, 'workloadSelector', 'labels'),
      ['spec', 'workloadSelector', 'labels'],
      (w) => w.workload?.annotations['ambient.istio.io/redirection'] === 'enabled',
    );
  },
};
