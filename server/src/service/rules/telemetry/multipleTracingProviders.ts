import type { Rule } from '../rule';
import { list, obj } from '../shared/values';

export const multipleTracingProviders: Rule = {
  code: 'tel-multiple-tracing-providers',
  severity: 'warning',
  kinds: ['Telemetry'],
  title: 'More than one tracing provider',
  explanation: [
    'A `tracing` entry lists more than one provider. Istio does not support sending traces to several providers yet; it accepts the Telemetry with a warning ("multiple providers is not currently supported").',
    '',
    'Keep one provider in the list.',
  ].join('\n'),
  check(ctx) {
    list(obj(ctx.value.spec)?.tracing).forEach((t, i) => {
      const providers = list(obj(t)?.providers);
      if (providers.length <= 1) return;
      ctx.report(
        ['spec', 'tracing', i, 'providers'],
        `spec.tracing[${i}].providers lists ${providers.length} providers, but only one is supported.`,
      );
    });
  },
};
