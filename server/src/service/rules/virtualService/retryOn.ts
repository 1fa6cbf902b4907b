import type { Rule } from '../rule';
import { routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, obj } from '../shared/values';

const POLICIES = new Set([
  '5xx',
  'gateway-error',
  'reset',
  'reset-before-request',
  'connect-failure',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'retriable-headers',
  'envoy-ratelimited',
  'http3-post-connect-failure',
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
]);

/** Status codes Go's net/http knows (http.StatusText is not empty). */
const STATUS = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307,
  308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421,
  422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);

function validRetryOn(policy: string): boolean {
  if (POLICIES.has(policy)) return true;
  return /^[+-]?[0-9]{1,18}$/.test(policy) && STATUS.has(Number(policy));
}

export const retryOn: Rule = {
  code: 'vs-retry-on',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Unknown retryOn policy',
  explanation: [
    "`retries.retryOn` is a comma-separated list (no spaces) of the conditions that trigger a retry. Istio rejects the VirtualService when an item is not a known HTTP status code or one of Envoy's policies:",
    '',
    '`5xx`, `gateway-error`, `reset`, `reset-before-request`, `connect-failure`, `retriable-4xx`, `refused-stream`, `retriable-status-codes`, `retriable-headers`, `envoy-ratelimited`, `http3-post-connect-failure`, and for gRPC `cancelled`, `deadline-exceeded`, `internal`, `resource-exhausted`, `unavailable`.',
    '',
    'For example `retryOn: gateway-error,connect-failure,503`.',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) {
      const v = obj(r.value.retries)?.retryOn;
      if (typeof v !== 'string' || v === '') continue;
      const items = v.split(',');
      const bad = items.filter((p) => !validRetryOn(p));
      if (bad.length === 0) continue;
      const at = [...r.path, 'retries', 'retryOn'];
      const trimmed = items.map((p) => p.trim()).filter((p) => p !== '');
      const fixable = trimmed.length > 0 && trimmed.every(validRetryOn) && trimmed.join(',') !== v;
      ctx.report(
        at,
        `${fieldPath(at)}: ${bad.map((b) => JSON.stringify(b)).join(', ')} ${bad.length === 1 ? 'is not a valid retryOn policy' : 'are not valid retryOn policies'}; use HTTP status codes or Envoy retry policies such as 5xx, gateway-error, connect-failure, separated by commas without spaces.`,
        {
          on: 'value',
          fixes: fixable
            ? [ctx.fix.replaceValue(at, trimmed.join(','), `Use "${trimmed.join(',')}"`)]
            : undefined,
        },
      );
    }
  },
};
