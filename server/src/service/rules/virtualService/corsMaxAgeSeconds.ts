import type { Rule } from '../rule';
import { parseGoDuration, roundToSeconds } from '../shared/durations';
import { routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, obj } from '../shared/values';

export const corsMaxAgeSeconds: Rule = {
  code: 'vs-cors-max-age-seconds',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'CORS maxAge is not a whole number of seconds',
  explanation: [
    '`corsPolicy.maxAge` is sent to browsers in the `Access-Control-Max-Age` header, which counts whole seconds. Istio rejects a value with a fraction of a second ("max_age duration is accurate only to seconds precision"), such as `1500ms` or `0.5s`.',
    '',
    'Use whole seconds, for example `24h`, `600s` or `2s`. The quick fix rounds to the nearest second.',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) {
      const v = obj(r.value.corsPolicy)?.maxAge;
      if (typeof v !== 'string') continue;
      const ns = parseGoDuration(v);
      if (ns === undefined || ns <= 0n || ns % 1_000_000_000n === 0n) continue;
      const at = [...r.path, 'corsPolicy', 'maxAge'];
      const fixed = roundToSeconds(ns);
      ctx.report(
        at,
        `${fieldPath(at)}: "${v}" has a fraction of a second; maxAge must be a whole number of seconds.`,
        {
          on: 'value',
          fixes: [ctx.fix.replaceValue(at, fixed, `Round to ${fixed}`)],
        },
      );
    }
  },
};
