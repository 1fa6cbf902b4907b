import type { Rule } from '../rule';
import { checkDuration, parseGoDuration, roundToMillis } from '../shared/durations';
import { fieldPath, obj } from '../shared/values';
import { connectionPools, KIND } from './listeners';

const FIELDS: string[][] = [
  ['http', 'idleTimeout'],
  ['tcp', 'connectTimeout'],
  ['tcp', 'maxConnectionDuration'],
  ['tcp', 'idleTimeout'],
  ['tcp', 'tcpKeepalive', 'time'],
  ['tcp', 'tcpKeepalive', 'interval'],
];

export const connectionPoolDuration: Rule = {
  code: 'sc-connection-pool-duration',
  severity: 'error',
  kinds: [KIND],
  title: 'Connection pool duration finer than a millisecond',
  explanation: [
    'Istio only supports durations to millisecond precision and rejects values such as `1.5ms` or `2500us` in connection pool timeouts and keepalive settings. Use whole milliseconds; the quick fix rounds to the nearest one. (The 1ms minimum is checked by the CRD schema; `tcp.idleTimeout: 0s` disables the timeout.)',
  ].join('\n'),
  check(ctx) {
    for (const { path, pool } of connectionPools(ctx.value)) {
      for (const rel of FIELDS) {
        let v: unknown = pool;
        for (const seg of rel) v = obj(v)?.[seg];
        if (typeof v !== 'string') continue;
        const ns = parseGoDuration(v);
        if (ns === undefined || checkDuration(ns) !== 'precision') continue;
        const at = [...path, ...rel];
        const fixed = roundToMillis(ns);
        ctx.report(
          at,
          `${fieldPath(at)}: "${v}" is finer than a millisecond; Istio only supports durations to ms precision.`,
          {
            on: 'value',
            fixes: [ctx.fix.replaceValue(at, fixed, `Round to ${fixed}`)],
          },
        );
      }
    }
  },
};
