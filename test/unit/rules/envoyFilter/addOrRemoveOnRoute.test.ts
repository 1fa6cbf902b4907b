import { runCases } from '../applyFix';

const ef = (applyTo: string, operation: string): string => `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: f
  namespace: prod
spec:
  configPatches:
  - applyTo: ${applyTo}
    patch:
      operation: ${operation}
      value:
        name: x
`;

// Line 9 holds patch.operation.
runCases([
  {
    code: 'IST0153',
    what: 'ADD on HTTP_ROUTE',
    valid: ef('HTTP_ROUTE', 'MERGE'),
    invalid: ef('HTTP_ROUTE', 'ADD'),
    line: 9,
    covers: 'ADD',
  },
  {
    code: 'IST0154',
    what: 'REMOVE on ROUTE_CONFIGURATION',
    valid: ef('ROUTE_CONFIGURATION', 'MERGE'),
    invalid: ef('ROUTE_CONFIGURATION', 'REMOVE'),
    line: 9,
    covers: 'REMOVE',
  },
]);
