import type { PathSegment } from '../../yaml/nodes';
import type { Rule } from '../rule';
import { checkDuration, parseGoDuration, roundToMillis } from '../shared/durations';
import { allPoliciesOf, drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, obj } from '../shared/values';

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

function get(root: unknown, rel: PathSegment[]): unknown {
  let v = root;
  for (const seg of rel) v = obj(v)?.[seg];
  return v;
}

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
      for (const rel of FIELDS) {
        const v = get(p.value, rel);
        if (typeof v !== 'string') continue;
        const ns = parseGoDuration(v);
        if (ns === undefined || checkDuration(ns) !== 'precision') continue;
        // tcp.idleTimeout below 1ms counts as 0 (disabled) and is not checked.
        if (rel[rel.length - 1] === 'idleTimeout' && rel[1] === 'tcp' && ns / MS === 0n) continue;
        const path = [...p.path, ...rel];
        const fixed = roundToMillis(ns);
        ctx.report(
          path,
          `${fieldPath(path)}: "${v}" is finer than a millisecond; Istio only supports durations to ms precision.`,
          {
            on: 'value',
            fixes: [ctx.fix.replaceValue(path, fixed, `Round to ${fixed}`)],
          },
        );
      }
    }
  },
};
