import { insertFieldFix } from '../shared/safeEdits';
import type { Rule } from '../rule';
import { KIND, resolutionOf, specOf } from './entry';

export const workloadSelectorWithNone: Rule = {
  code: 'se-workload-selector-with-resolution-none',
  severity: 'warning',
  kinds: [KIND],
  title: 'workloadSelector with resolution NONE',
  explanation: [
    'With `resolution: NONE` (the default) traffic goes to the original destination IP, so the workloads picked by `workloadSelector` are not used as endpoints. Istio accepts this with a warning.',
    '',
    'Set `resolution: STATIC` to send traffic to the selected workloads, or remove `workloadSelector`.',
  ].join('\n'),
  check(ctx) {
    const spec = specOf(ctx.value);
    if (
      spec.workloadSelector === undefined ||
      spec.workloadSelector === null ||
      resolutionOf(ctx.value) !== 'NONE'
    )
      return;
    ctx.report(
      ['spec', 'workloadSelector'],
      `workloadSelector has no effect when resolution is NONE${spec.resolution === undefined ? ' (the default)' : ''}.`,
      {
        related:
          spec.resolution === undefined
            ? []
            : [{ path: ['spec', 'resolution'], message: 'resolution is NONE', on: 'value' }],
        fixes: [
          spec.resolution === undefined
            ? insertFieldFix(ctx, ['spec'], 'resolution', 'STATIC', 'Set resolution: STATIC', false)
            : ctx.fix.replaceValue(['spec', 'resolution'], 'STATIC', 'Set resolution: STATIC', false),
        ],
      },
    );
  },
};
