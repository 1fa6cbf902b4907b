import type { PathSegment } from '../../yaml/nodes';
import type { Rule } from '../rule';
import { reportSubMillisecond } from '../shared/durationPrecision';
import { allPoliciesOf, drSpecOf } from '../shared/trafficPolicies';

/** The durations Istio validates in a traffic policy (relative paths). */
const FIELDS: PathSegment[][] = [
  ['outlierDetection', 'baseEjectionTime'],
  ['outlierDetection', 'interval'],
  ['connectionPool', 'http', 'idleTimeout'],
  ['connectionPool', 'tcp', 'connectTimeout'],
  ['connectionPool', 'tcp', 'maxConnectionDuration'],
  ['connectionPool', 'tcp', 'idleTimeout'],
  ['connectionPool', 'tcp', 'tcpKeepalive', 'time'],
  ['connectionPool', 'tcp', 'tcpKeepalive', 'interval'],
  ['loadBalancer', 'warmup', 'duration'],
];

const MS = 1_000_000n;

export const durationPrecision: Rule = {
  code: 'dr-duration-precision',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'Duration finer than a millisecond',
  explanation: [
    'Istio only supports durations to millisecond precision and rejects values such as `1.5ms` or `2500us` ("only durations to ms precision are supported"). This applies to the outlier detection, connection pool, TCP keepalive and warmup durations of a traffic policy.',
    '',
    'Use a whole number of milliseconds (`2ms`, `1500ms`, `1.5s`). The quick fix rounds to the nearest millisecond. (The 1ms minimum is checked by the CRD schema.)',
  ].join('\n'),
  check(ctx) {
    for (const p of allPoliciesOf(drSpecOf(ctx))) {
      // tcp.idleTimeout below 1ms counts as 0 (disabled) and is not checked.
      reportSubMillisecond(
        ctx,
        p,
        FIELDS,
        (rel, ns) => rel[rel.length - 1] === 'idleTimeout' && rel[1] === 'tcp' && ns / MS === 0n,
      );
    }
  },
};
