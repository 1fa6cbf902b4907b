import type { Rule } from '../rule';
import { faultsOf, specOf } from '../shared/virtualServiceParts';
import { num, obj } from '../shared/values';

/**
 * IST0002 Deprecated, as `istioctl analyze` (deprecation analyzer) reports it for one document:
 * a VirtualService route whose fault delay uses the old integer `percent`, and a Sidecar that sets
 * `outboundTrafficPolicy.egressProxy`.
 */
export const deprecatedField: Rule = {
  code: 'IST0002',
  severity: 'warning',
  kinds: ['VirtualService', 'Sidecar'],
  title: 'Deprecated field (Deprecated)',
  explanation: [
    '`istioctl analyze` warns about fields that Istio keeps only for old configurations:',
    '',
    '- in a VirtualService, `fault.delay.percent` (a whole number) was replaced by `fault.delay.percentage.value`, which also takes fractions;',
    '- in a Sidecar, `outboundTrafficPolicy.egressProxy` has no effect: the proxy ignores it.',
    '',
    'Move the delay share to `percentage.value`, and drop `egressProxy`.',
  ].join('\n'),
  check(ctx) {
    if (ctx.resource.kind === 'Sidecar') {
      const policy = obj(obj(ctx.value.spec)?.outboundTrafficPolicy);
      if (policy && policy.egressProxy !== undefined && policy.egressProxy !== null) {
        ctx.report(
          ['spec', 'outboundTrafficPolicy', 'egressProxy'],
          'outboundTrafficPolicy.egressProxy is deprecated and is ignored by the proxy.',
        );
      }
      return;
    }
    for (const f of faultsOf(specOf(ctx))) {
      const percent = num(obj(f.value.delay)?.percent);
      if (percent === undefined || percent <= 0) continue;
      ctx.report(
        [...f.path, 'delay', 'percent'],
        'fault.delay.percent is deprecated: give the share as percentage.value instead.',
      );
    }
  },
};
