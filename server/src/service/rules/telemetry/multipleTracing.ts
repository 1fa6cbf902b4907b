import type { Rule } from '../rule';
import { list, obj } from '../shared/values';

export const multipleTracing: Rule = {
  code: 'tel-multiple-tracing',
  severity: 'warning',
  kinds: ['Telemetry'],
  title: 'More than one tracing configuration',
  explanation: [
    '`spec.tracing` is a list, but Istio does not support more than one entry yet. It accepts the Telemetry with a warning ("multiple tracing is not currently supported"), and the extra entries may not take effect as intended.',
    '',
    'Merge the settings into a single `tracing` entry.',
  ].join('\n'),
  check(ctx) {
    const tracing = list(obj(ctx.value.spec)?.tracing);
    if (tracing.length <= 1) return;
    ctx.report(
      ['spec', 'tracing'],
      `spec.tracing has ${tracing.length} entries, but only one tracing configuration is supported.`,
    );
  },
};
