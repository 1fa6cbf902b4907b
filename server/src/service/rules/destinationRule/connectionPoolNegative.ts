import type { Rule } from '../rule';
import { blocksOf, drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, num, obj } from '../shared/values';

const FIELDS: [string, string][] = [
  ['http', 'http1MaxPendingRequests'],
  ['http', 'http2MaxRequests'],
  ['http', 'maxRequestsPerConnection'],
  ['http', 'maxRetries'],
  ['http', 'maxConcurrentStreams'],
  ['tcp', 'maxConnections'],
];

export const connectionPoolNegative: Rule = {
  code: 'dr-connection-pool-negative',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'Negative connection pool limit',
  explanation: [
    'A connection pool limit is negative. Istio rejects the DestinationRule ("... must be non-negative"). This applies to `http.http1MaxPendingRequests`, `http.http2MaxRequests`, `http.maxRequestsPerConnection`, `http.maxRetries`, `http.maxConcurrentStreams` and `tcp.maxConnections`.',
    '',
    "Use a positive limit, or leave the field out for Envoy's default.",
  ].join('\n'),
  check(ctx) {
    for (const b of blocksOf(drSpecOf(ctx), 'connectionPool')) {
      for (const [side, field] of FIELDS) {
        const v = num(obj(b.value[side])?.[field]);
        if (v === undefined || v >= 0) continue;
        const at = [...b.path, side, field];
        ctx.report(at, `${fieldPath(at)} must not be negative (it is ${v}).`, { on: 'value' });
      }
    }
  },
};
