import type { Rule } from '../rule';
import { parseGoDuration, suggestDuration } from '../shared/durations';
import { blocksOf, drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, obj } from '../shared/values';

const MS = 1_000_000n;

export const tcpIdleTimeout: Rule = {
  code: 'dr-tcp-idle-timeout',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'Invalid connectionPool.tcp.idleTimeout',
  explanation: [
    '`connectionPool.tcp.idleTimeout` closes connections that stay idle that long. It is the one connection pool duration without a CRD rule, so the webhook checks it: the value must be a duration with a unit (`1h`, `30m`, `300s`) of at least 1ms, or `0s` to disable the timeout. Istio rejects anything else ("duration must be greater than 1ms").',
    '',
    'A bare number such as `"300"` is not a duration; the quick fix adds the `s` unit. A negative value is replaced by `1ms`.',
  ].join('\n'),
  check(ctx) {
    for (const b of blocksOf(drSpecOf(ctx), 'connectionPool')) {
      const v = obj(b.value.tcp)?.idleTimeout;
      if (typeof v !== 'string') continue;
      const at = [...b.path, 'tcp', 'idleTimeout'];
      const ns = parseGoDuration(v);
      if (ns === undefined) {
        const fixed = suggestDuration(v);
        ctx.report(
          at,
          `${fieldPath(at)}: "${v}" is not a valid duration; write a number with a unit, such as "300s" or "1h", or "0s" to disable the timeout.`,
          {
            on: 'value',
            fixes: fixed ? [ctx.fix.replaceValue(at, fixed, `Use ${fixed}`)] : undefined,
          },
        );
      } else if (ns <= -MS) {
        ctx.report(
          at,
          `${fieldPath(at)}: "${v}" is negative; the idle timeout must be at least 1ms, or "0s" to disable it.`,
          {
            on: 'value',
            fixes: [ctx.fix.replaceValue(at, '1ms', 'Use 1ms')],
          },
        );
      }
    }
  },
};
