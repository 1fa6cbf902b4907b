import { insertFieldFix } from '../shared/safeEdits';
import type { Rule } from '../rule';
import { obj } from '../shared/values';
import { KIND, specOf } from './listeners';

export const egressProxyMode: Rule = {
  code: 'sc-egress-proxy-mode',
  severity: 'error',
  kinds: [KIND],
  title: 'egressProxy without ALLOW_ANY',
  explanation: [
    '`outboundTrafficPolicy.egressProxy` forwards traffic to unknown destinations through a proxy. It only applies when such traffic is allowed at all, so Istio requires `mode: ALLOW_ANY` (the default mode is REGISTRY_ONLY).',
  ].join('\n'),
  check(ctx) {
    const policy = obj(specOf(ctx.value).outboundTrafficPolicy);
    if (!policy || policy.egressProxy === undefined || policy.egressProxy === null) return;
    const mode = typeof policy.mode === 'string' ? policy.mode : 'REGISTRY_ONLY';
    if (mode === 'ALLOW_ANY') return;
    const base = ['spec', 'outboundTrafficPolicy'];
    ctx.report(
      [...base, 'egressProxy'],
      `egressProxy can only be set with mode ALLOW_ANY, but the mode is ${mode}${policy.mode === undefined ? ' (the default)' : ''}.`,
      {
        related:
          policy.mode === undefined
            ? []
            : [{ path: [...base, 'mode'], message: `mode is ${mode}`, on: 'value' }],
        fixes: [
          policy.mode === undefined
            ? insertFieldFix(ctx, base, 'mode', 'ALLOW_ANY', 'Set mode: ALLOW_ANY')
            : ctx.fix.replaceValue([...base, 'mode'], 'ALLOW_ANY', 'Set mode: ALLOW_ANY'),
        ],
      },
    );
  },
};
