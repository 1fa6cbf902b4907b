import type { Rule } from '../rule';
import { REPLACE_TARGETS, reportPatches } from './patchOperations';

export const replaceUnsupported: Rule = {
  code: 'IST0152',
  severity: 'error',
  kinds: ['EnvoyFilter'],
  title: 'REPLACE with an unsupported applyTo (EnvoyFilterUsesReplaceOperationIncorrectly)',
  explanation: [
    'An EnvoyFilter patch can replace only a whole HTTP filter, network filter or virtual host. With `operation: REPLACE` and any other `applyTo` (a listener, a cluster, a route, ...), `istioctl analyze` reports an error: the patch does nothing.',
    '',
    'Use `MERGE` to change such an object in place, or `REMOVE` followed by `ADD` to swap it.',
  ].join('\n'),
  check: (ctx) =>
    reportPatches(ctx, 'IST0152', (v) => {
      const target = v.applyTo ? `applyTo ${v.applyTo}` : 'an unset applyTo';
      return `operation REPLACE cannot be used with ${target}; it works only with applyTo ${REPLACE_TARGETS.join(', ')}.`;
    }),
};
