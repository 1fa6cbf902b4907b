import type { Rule } from '../rule';
import { removeFieldFix } from '../shared/safeEdits';
import { isHttp, isTls, parseProtocol } from '../shared/protocols';
import { modeOf } from '../shared/serverTls';
import { KIND, portIsValid, servers } from './servers';

const CERTS = ['caCertificates', 'privateKey', 'serverCertificate'];

export const tlsNotAllowed: Rule = {
  code: 'gw-tls-not-allowed',
  severity: 'error',
  kinds: [KIND],
  title: 'tls settings on a plain-text server',
  explanation: [
    'Only HTTPS and TLS servers terminate or pass through TLS. Istio rejects `tls` on other servers, with one exception: an HTTP server may carry `tls` to set `httpsRedirect: true`, as long as the mode stays PASSTHROUGH (the default) or AUTO_PASSTHROUGH and no certificate files are given.',
    '',
    'Change the protocol to HTTPS/TLS if the server should speak TLS, or remove the `tls` block.',
  ].join('\n'),
  check(ctx) {
    for (const s of servers(ctx.value)) {
      if (!portIsValid(s) || !s.tls) continue;
      const protocol = parseProtocol(s.port?.protocol);
      if (isTls(protocol)) continue;
      const tls = s.tls;
      if (isHttp(protocol)) {
        const mode = modeOf(tls);
        const passthrough = mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH';
        if (passthrough && !CERTS.some((f) => typeof tls[f] === 'string' && tls[f] !== '')) continue;
      }
      const path = [...s.path, 'tls'];
      const message = isHttp(protocol)
        ? `A plain-text ${protocol} server cannot have these tls settings; only httpsRedirect (without certificates, in PASSTHROUGH mode) is allowed.`
        : `A ${protocol} server cannot have tls settings; only HTTPS and TLS servers can.`;
      ctx.report(path, message, {
        related: [{ path: [...s.path, 'port', 'protocol'], message: 'the protocol', on: 'value' }],
        fixes: [removeFieldFix(ctx, path, 'Remove tls', false)],
      });
    }
  },
};
