import { didYouMean } from '../../didYouMean';
import type { Rule } from '../rule';
import { parseProtocol, PROTOCOLS } from '../shared/protocols';
import { KIND, servers } from './servers';

export const unsupportedProtocol: Rule = {
  code: 'gw-unsupported-protocol',
  severity: 'error',
  kinds: [KIND],
  title: 'Unknown server protocol',
  explanation: [
    '`port.protocol` must be one of HTTP, HTTPS, GRPC, GRPC-WEB, HTTP2, HTTP_PROXY, TCP, TLS, UDP, MONGO, REDIS or MYSQL (in any letter case). Istio rejects anything else, including an empty protocol.',
  ].join('\n'),
  check(ctx) {
    for (const s of servers(ctx.value)) {
      const p = s.port?.protocol;
      if (typeof p !== 'string' || parseProtocol(p) !== 'UNSUPPORTED') continue;
      const path = [...s.path, 'port', 'protocol'];
      const suggestion = p ? didYouMean(p, PROTOCOLS) : undefined;
      ctx.report(
        path,
        `Unsupported protocol "${p}": use one of ${PROTOCOLS.join(', ')}.${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
        {
          on: 'value',
          fixes: suggestion ? [ctx.fix.replaceValue(path, suggestion, `Change to ${suggestion}`)] : [],
        },
      );
    }
  },
};
