import type { Rule } from '../rule';
import { list, obj } from '../shared/values';
import { KIND, portsOf, protocolAnchor, resolutionOf, specOf } from './entry';

const OPT_OUT = 'networking.istio.io/enable-autoallocate-ip';

export const addressesRequired: Rule = {
  code: 'se-addresses-required',
  severity: 'warning',
  kinds: [KIND],
  title: 'TCP port without addresses or automatic IP allocation',
  explanation: [
    'Plain TCP traffic (or traffic on a port with no protocol) can only be matched to a ServiceEntry by its destination IP. With no `addresses` and no automatically allocated IP, such traffic cannot be told apart from other services on the same port. Istio allocates IPs automatically, but not for `resolution: NONE` (the default) and not when the label `networking.istio.io/enable-autoallocate-ip: "false"` is set, and then it warns.',
    '',
    'Add `addresses`, set a protocol such as HTTP or TLS (which carry the host name), or choose a resolution other than NONE.',
  ].join('\n'),
  check(ctx) {
    if (list(specOf(ctx.value).addresses).length > 0) return;
    const label = obj(obj(obj(ctx.value.metadata)?.labels))?.[OPT_OUT];
    const optedOut = label === 'false';
    const resolution = resolutionOf(ctx.value);
    if (resolution !== 'NONE' && !optedOut) return;
    const why = resolution === 'NONE' ? 'resolution is NONE' : `the ${OPT_OUT} label is "false"`;
    for (const p of portsOf(ctx.value)) {
      const protocol = p.value.protocol;
      if (!(protocol === undefined || protocol === '' || protocol === 'TCP')) continue;
      const at = protocolAnchor(p);
      ctx.report(
        at.path,
        `Port ${String(p.value.number)} serves TCP${protocol ? '' : ' (no protocol set)'}, but the ServiceEntry has no addresses and IPs are not allocated automatically (${why}).`,
        {
          on: at.on,
        },
      );
    }
  },
};
