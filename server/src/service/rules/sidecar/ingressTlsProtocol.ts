import type { Rule } from '../rule';
import { isTls, parseProtocol } from '../shared/protocols';
import { obj } from '../shared/values';
import { ingressOf, KIND } from './listeners';

export const ingressTlsProtocol: Rule = {
  code: 'sc-ingress-tls-protocol',
  severity: 'error',
  kinds: [KIND],
  title: 'Ingress tls on a port that is not HTTPS or TLS',
  explanation: [
    'An ingress listener with `tls` settings terminates TLS, so its port protocol must be HTTPS or TLS. Istio rejects `tls` on a listener of any other protocol (or without one).',
  ].join('\n'),
  check(ctx) {
    for (const l of ingressOf(ctx.value)) {
      if (!obj(l.value.tls) || isTls(parseProtocol(l.port?.protocol))) continue;
      const protocol = l.port?.protocol;
      ctx.report(
        [...l.path, 'tls'],
        `ingress[${l.index}] has tls settings, but its protocol is ${typeof protocol === 'string' && protocol ? protocol : 'not set'}; it must be HTTPS or TLS.`,
        {
          related:
            typeof protocol === 'string'
              ? [{ path: [...l.path, 'port', 'protocol'], message: 'the protocol', on: 'value' }]
              : [],
        },
      );
    }
  },
};
