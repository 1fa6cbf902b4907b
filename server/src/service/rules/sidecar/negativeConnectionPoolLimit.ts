import type { Rule } from '../rule';
import { obj } from '../shared/values';
import { connectionPools, KIND } from './listeners';

const FIELDS: [string, string][] = [
  ['http', 'http1MaxPendingRequests'],
  ['http', 'http2MaxRequests'],
  ['http', 'maxRequestsPerConnection'],
  ['http', 'maxRetries'],
  ['http', 'maxConcurrentStreams'],
  ['tcp', 'maxConnections'],
];

export const negativeConnectionPoolLimit: Rule = {
  code: 'sc-negative-connection-pool-limit',
  severity: 'error',
  kinds: [KIND],
  title: 'Negative connection pool limit',
  explanation: [
    'Connection pool limits (`http1MaxPendingRequests`, `http2MaxRequests`, `maxRequestsPerConnection`, `maxRetries`, `maxConcurrentStreams`, `tcp.maxConnections`) count requests or connections, so Istio rejects negative values. Leave a field out to use the default.',
  ].join('\n'),
  check(ctx) {
    for (const { path, pool } of connectionPools(ctx.value)) {
      for (const [group, field] of FIELDS) {
        const v = obj(pool[group])?.[field];
        if (typeof v !== 'number' || v >= 0) continue;
        ctx.report([...path, group, field], `${group}.${field} must not be negative.`, { on: 'value' });
      }
    }
  },
};
