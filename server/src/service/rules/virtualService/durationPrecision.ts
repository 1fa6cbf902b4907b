import type { PathSegment } from '../../yaml/nodes';
import type { Rule } from '../rule';
import { reportSubMillisecond } from '../shared/durationPrecision';
import { routesOf, specOf } from '../shared/virtualServiceParts';

/** The durations Istio validates in an HTTP route (relative paths). */
const FIELDS: PathSegment[][] = [
  ['timeout'],
  ['retries', 'perTryTimeout'],
  ['retries', 'backoff'],
  ['fault', 'delay', 'fixedDelay'],
  ['fault', 'delay', 'exponentialDelay'],
  ['corsPolicy', 'maxAge'],
];

export const durationPrecision: Rule = {
  code: 'vs-duration-precision',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Duration finer than a millisecond',
  explanation: [
    'Istio only supports durations to millisecond precision and rejects values such as `1.5ms` or `1500us` ("only durations to ms precision are supported"). This applies to `timeout`, `retries.perTryTimeout`, `retries.backoff`, `fault.delay.fixedDelay` and `corsPolicy.maxAge`.',
    '',
    'Use a whole number of milliseconds (`2ms`, `1500ms`, `1.5s`). The quick fix rounds to the nearest millisecond. (The 1ms minimum is checked by the CRD schema.)',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) reportSubMillisecond(ctx, r, FIELDS);
  },
};
