import type { Rule } from '../rule';
import { drSpecOf, policiesOf } from '../shared/trafficPolicies';
import { fieldPath, obj } from '../shared/values';

export const tunnelProtocol: Rule = {
  code: 'dr-tunnel-protocol',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'Unknown tunnel protocol',
  explanation: [
    '`tunnel.protocol` is the HTTP method used to open the tunnel. Istio accepts only `CONNECT` (the default) and `POST`, in upper case ("tunnel protocol must be \\"CONNECT\\" or \\"POST\\"").',
  ].join('\n'),
  check(ctx) {
    for (const p of policiesOf(drSpecOf(ctx))) {
      const v = obj(p.value.tunnel)?.protocol;
      if (typeof v !== 'string' || v === '' || v === 'CONNECT' || v === 'POST') continue;
      const at = [...p.path, 'tunnel', 'protocol'];
      const upper = v.trim().toUpperCase();
      ctx.report(
        at,
        `${fieldPath(at)}: "${v}" is not a supported tunnel protocol; use "CONNECT" or "POST".`,
        {
          on: 'value',
          fixes:
            upper === 'CONNECT' || upper === 'POST'
              ? [ctx.fix.replaceValue(at, upper, `Use ${upper}`)]
              : undefined,
        },
      );
    }
  },
};
