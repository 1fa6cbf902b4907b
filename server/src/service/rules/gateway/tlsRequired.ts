import type { Rule } from '../rule';
import { isTls, parseProtocol } from '../shared/protocols';
import { KIND, portIsValid, servers } from './servers';

export const tlsRequired: Rule = {
  code: 'gw-tls-required',
  severity: 'error',
  kinds: [KIND],
  title: 'HTTPS or TLS server without tls settings',
  explanation: [
    'A server whose protocol is HTTPS or TLS needs a `tls` block that says how to handle TLS: for example `mode: SIMPLE` with `credentialName: <secret>` to terminate it, or `mode: PASSTHROUGH` to forward it. Istio rejects the server without one.',
  ].join('\n'),
  check(ctx) {
    for (const s of servers(ctx.value)) {
      if (!portIsValid(s) || s.tls) continue;
      const protocol = parseProtocol(s.port?.protocol);
      if (!isTls(protocol)) continue;
      ctx.report(
        [...s.path, 'port', 'protocol'],
        `An ${protocol} server needs tls settings (for example mode: SIMPLE with a credentialName).`,
        { on: 'value' },
      );
    }
  },
};
