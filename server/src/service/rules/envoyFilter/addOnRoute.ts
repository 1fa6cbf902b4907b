import type { Rule } from '../rule';
import { reportPatches } from './patchOperations';

export const addOnRoute: Rule = {
  code: 'IST0153',
  severity: 'error',
  kinds: ['EnvoyFilter'],
  title: 'ADD on a route configuration (EnvoyFilterUsesAddOperationIncorrectly)',
  explanation:
    'An EnvoyFilter patch with `operation: ADD` and `applyTo: ROUTE_CONFIGURATION` or `HTTP_ROUTE` is ignored: there is nothing to add it to. `istioctl analyze` reports it as an error. Use `MERGE` to change the route configuration.',
  check: (ctx) =>
    reportPatches(
      ctx,
      'IST0153',
      (v) => `operation ADD has no effect with applyTo ${v.applyTo}; use MERGE to change it.`,
    ),
};
