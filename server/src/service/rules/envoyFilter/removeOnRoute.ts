import type { Rule } from '../rule';
import { reportPatches } from './patchOperations';

export const removeOnRoute: Rule = {
  code: 'IST0154',
  severity: 'error',
  kinds: ['EnvoyFilter'],
  title: 'REMOVE on a route configuration (EnvoyFilterUsesRemoveOperationIncorrectly)',
  explanation:
    'An EnvoyFilter patch with `operation: REMOVE` and `applyTo: ROUTE_CONFIGURATION` or `HTTP_ROUTE` is reported by `istioctl analyze` as an error. Target the virtual host or filter to remove instead.',
  check: (ctx) =>
    reportPatches(ctx, 'IST0154', (v) => `operation REMOVE cannot be used with applyTo ${v.applyTo}.`),
};
