import type { Rule } from '../rule';
import { labelMapProblems } from '../shared/labels';
import { checksEndpoints, endpointsOf, KIND, resolutionOf } from './entry';

export const invalidEndpointLabels: Rule = {
  code: 'se-invalid-endpoint-labels',
  severity: 'error',
  kinds: [KIND],
  title: 'Invalid endpoint label',
  explanation: [
    'Endpoint `labels` follow Kubernetes label syntax, and Istio rejects anything else. A key is an optional DNS prefix and `/`, then a name of at most 63 characters; names and values use letters, digits, `-`, `_` and `.`, and start and end with a letter or digit. A value may be empty.',
  ].join('\n'),
  check(ctx) {
    if (!checksEndpoints(resolutionOf(ctx.value))) return;
    for (const ep of endpointsOf(ctx.value)) {
      for (const p of labelMapProblems(ep.value.labels)) {
        ctx.report([...ep.path, 'labels', p.key], `endpoints[${ep.index}].labels: ${p.message}.`, {
          on: p.on,
        });
      }
    }
  },
};
