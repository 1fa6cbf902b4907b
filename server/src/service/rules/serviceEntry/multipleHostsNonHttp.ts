import type { Rule } from '../rule';
import { isHttp, isTls, parseProtocol } from '../shared/protocols';
import { hostsOf, KIND, portsOf, protocolAnchor, resolutionOf } from './entry';

export const multipleHostsNonHttp: Rule = {
  code: 'se-multiple-hosts-non-http',
  severity: 'error',
  kinds: [KIND],
  title: 'Several hosts with a port that is neither HTTP nor TLS',
  explanation: [
    'When a ServiceEntry resolves its hosts (any resolution but NONE), the proxy must tell the hosts apart per connection: by the HTTP `Host` header, or by the TLS SNI. On a plain TCP port (or a port without protocol) there is neither, so Istio rejects several hosts together with such a port ("multiple hosts provided with non-HTTP, non-TLS ports").',
    '',
    'Use one host per ServiceEntry for TCP ports, set the port protocol to HTTP/TLS if that is what it carries, or use `resolution: NONE`.',
  ].join('\n'),
  check(ctx) {
    if (resolutionOf(ctx.value) === 'NONE' || hostsOf(ctx.value).length < 2) return;
    const port = portsOf(ctx.value).find((p) => {
      const protocol = parseProtocol(p.value.protocol);
      return !isHttp(protocol) && !isTls(protocol);
    });
    if (!port) return;
    const at = protocolAnchor(port);
    const protocol =
      typeof port.value.protocol === 'string' && port.value.protocol !== ''
        ? port.value.protocol
        : 'no protocol';
    ctx.report(
      at.path,
      `ports[${port.index}] (${protocol}) is neither HTTP nor TLS, so this ServiceEntry cannot have several hosts.`,
      {
        on: at.on,
        related: [{ path: ['spec', 'hosts'], message: 'several hosts' }],
      },
    );
  },
};
