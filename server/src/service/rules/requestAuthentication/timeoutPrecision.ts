import type { Rule } from '../rule';
import { checkDuration, parseGoDuration, roundToMillis } from '../shared/durations';
import { jwtRules, KIND } from './jwtRules';

export const timeoutPrecision: Rule = {
  code: 'ra-timeout-precision',
  severity: 'error',
  kinds: [KIND],
  title: 'JWKS fetch timeout finer than a millisecond',
  explanation: [
    '`jwtRules[].timeout` (how long to wait for the JWKS download) must be a whole number of milliseconds; Istio rejects values such as `1.5ms` ("only durations to ms precision are supported"). The 1ms minimum is checked by the CRD schema.',
    '',
    'The quick fix rounds to the nearest millisecond.',
  ].join('\n'),
  check(ctx) {
    for (const r of jwtRules(ctx.value)) {
      const v = r.value.timeout;
      if (typeof v !== 'string') continue;
      const ns = parseGoDuration(v);
      if (ns === undefined || checkDuration(ns) !== 'precision') continue;
      const path = [...r.path, 'timeout'];
      const fixed = roundToMillis(ns);
      ctx.report(
        path,
        `jwtRules.timeout "${v}" is finer than a millisecond; Istio only supports durations to ms precision.`,
        {
          on: 'value',
          fixes: [ctx.fix.replaceValue(path, fixed, `Round to ${fixed}`)],
        },
      );
    }
  },
};
