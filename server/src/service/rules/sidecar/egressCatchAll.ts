import type { Rule } from '../rule';
import { firstKeyPath } from '../shared/anchor';
import { list } from '../shared/values';
import { egressOf, KIND, specOf } from './listeners';

export const egressCatchAll: Rule = {
  code: 'sc-egress-catch-all',
  severity: 'error',
  kinds: [KIND],
  title: 'Egress listener without port is not the last one',
  explanation: [
    'An egress listener without `port` catches all outbound traffic that no other listener takes. There may be only one such listener, and it must be the last entry of `egress`; Istio rejects a portless listener anywhere else. Move it to the end, or give it a port.',
  ].join('\n'),
  check(ctx) {
    const last = list(specOf(ctx.value).egress).length - 1;
    for (const l of egressOf(ctx.value)) {
      if (l.index === last || (l.value.port !== undefined && l.value.port !== null)) continue;
      ctx.report(
        firstKeyPath(ctx, l.path),
        `egress[${l.index}] has no port, so it catches all traffic; only the last egress listener may do that.`,
      );
    }
  },
};
