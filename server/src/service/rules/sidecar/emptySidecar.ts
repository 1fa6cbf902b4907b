import type { Rule } from '../rule';
import { list, obj } from '../shared/values';
import { KIND } from './listeners';

const set = (v: unknown): boolean => v !== undefined && v !== null;

export const emptySidecar: Rule = {
  code: 'sc-empty',
  severity: 'error',
  kinds: [KIND],
  title: 'Sidecar without any configuration',
  explanation: [
    'A Sidecar must configure something: `ingress` listeners, `egress` listeners, an `outboundTrafficPolicy` or an `inboundConnectionPool`. Istio rejects an empty one ("sidecar: empty configuration provided").',
    '',
    'A common minimal Sidecar limits what the workloads see: `egress: [{hosts: ["./*", "istio-system/*"]}]`.',
  ].join('\n'),
  check(ctx) {
    const spec = obj(ctx.value.spec);
    if (spec && (list(spec.ingress).length > 0 || list(spec.egress).length > 0)) return;
    if (spec && (set(spec.outboundTrafficPolicy) || set(spec.inboundConnectionPool))) return;
    const at = ctx.value.spec !== undefined ? ['spec'] : ['kind'];
    ctx.report(
      at,
      'This Sidecar configures nothing: add ingress, egress, outboundTrafficPolicy or inboundConnectionPool.',
      {
        on: ctx.value.spec !== undefined ? 'key' : 'value',
      },
    );
  },
};
