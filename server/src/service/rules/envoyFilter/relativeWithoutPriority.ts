import type { Rule } from '../rule';
import { reportPatches } from './patchOperations';

export const relativeWithoutPriority: Rule = {
  code: 'IST0151',
  severity: 'warning',
  kinds: ['EnvoyFilter'],
  title: 'Relative patch operation without a priority (EnvoyFilterUsesRelativeOperation)',
  explanation: [
    '`INSERT_BEFORE`, `INSERT_AFTER`, `REPLACE` (on a filter or virtual host) and `REMOVE` (outside route configuration) act relative to something another patch may add, move or remove. EnvoyFilters without `priority` are applied in order of creation, so whether the patch finds its target can change from one cluster to the next. `istioctl analyze` warns about every such patch in an EnvoyFilter whose `priority` is unset or 0.',
    '',
    'Set `spec.priority` to order the filter explicitly, or use an absolute operation such as `INSERT_FIRST` or `ADD`.',
  ].join('\n'),
  check: (ctx) =>
    reportPatches(
      ctx,
      'IST0151',
      (v) =>
        `operation ${v.operation} is relative, and this EnvoyFilter sets no priority: the patch may not be applied. Set spec.priority, or use INSERT_FIRST or ADD.`,
    ),
};
