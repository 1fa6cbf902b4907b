import type { Rule } from '../rule';
import { parseProtocol } from '../shared/protocols';
import { KIND, portsOf, protocolAnchor, resolutionOf } from './entry';

const ALLOWED = ['HTTP', 'TLS', 'GRPC', 'HTTP2'];

export const dynamicDnsProtocol: Rule = {
  code: 'se-dynamic-dns-protocol',
  severity: 'error',
  kinds: [KIND],
  title: 'DYNAMIC_DNS port protocol',
  explanation: [
    'With `resolution: DYNAMIC_DNS` the proxy needs the requested host name from the traffic itself: the HTTP `Host` header or the TLS SNI. Istio therefore only accepts ports with protocol HTTP, TLS, GRPC or HTTP2 in that mode.',
  ].join('\n'),
  check(ctx) {
    if (resolutionOf(ctx.value) !== 'DYNAMIC_DNS') return;
    for (const p of portsOf(ctx.value)) {
      if (ALLOWED.includes(parseProtocol(p.value.protocol))) continue;
      const at = protocolAnchor(p);
      const shown =
        typeof p.value.protocol === 'string' && p.value.protocol !== '' ? p.value.protocol : 'no protocol';
      ctx.report(
        at.path,
        `ports[${p.index}] has ${shown}, but with resolution DYNAMIC_DNS the protocol must be HTTP, TLS, GRPC or HTTP2.`,
        { on: at.on },
      );
    }
  },
};
