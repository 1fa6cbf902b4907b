import type { Rule } from '../rule';
import { removeFieldFix } from '../shared/safeEdits';
import { isHttp, parseProtocol } from '../shared/protocols';
import { KIND, servers } from './servers';

export const httpsRedirectNonHttp: Rule = {
  code: 'gw-https-redirect-non-http',
  severity: 'warning',
  kinds: [KIND],
  title: 'httpsRedirect on a server that is not HTTP',
  explanation: [
    '`tls.httpsRedirect` makes a plain-HTTP server answer every request with a redirect to HTTPS. It only means something on an HTTP server; Istio warns when it is set on a server of another protocol (for example the HTTPS server itself).',
    '',
    'Put `httpsRedirect: true` on the port-80 HTTP server, and remove it here.',
  ].join('\n'),
  check(ctx) {
    for (const s of servers(ctx.value)) {
      if (!s.port || s.tls?.httpsRedirect !== true) continue;
      const protocol = parseProtocol(s.port.protocol);
      if (isHttp(protocol)) continue;
      const path = [...s.path, 'tls', 'httpsRedirect'];
      ctx.report(
        path,
        `tls.httpsRedirect only applies to HTTP servers, but this server's protocol is ${String(s.port.protocol)}.`,
        {
          related: [{ path: [...s.path, 'port', 'protocol'], message: 'the protocol', on: 'value' }],
          fixes: [removeFieldFix(ctx, path, 'Remove httpsRedirect', true)],
        },
      );
    }
  },
};
