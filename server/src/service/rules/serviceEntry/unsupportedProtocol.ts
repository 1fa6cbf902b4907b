import { didYouMean } from '../../didYouMean';
import type { Rule } from '../rule';
import { parseProtocol, PROTOCOLS } from '../shared/protocols';
import { KIND, portsOf } from './entry';

export const unsupportedProtocol: Rule = {
  code: 'se-unsupported-protocol',
  severity: 'error',
  kinds: [KIND],
  title: 'Unknown port protocol',
  explanation: [
    '`ports[].protocol` must be one of HTTP, HTTPS, GRPC, GRPC-WEB, HTTP2, HTTP_PROXY, TCP, TLS, UDP, MONGO, REDIS or MYSQL (in any letter case), or be left empty so that the protocol is detected. Istio rejects anything else.',
  ].join('\n'),
  check(ctx) {
    for (const p of portsOf(ctx.value)) {
      const protocol = p.value.protocol;
      if (typeof protocol !== 'string' || protocol === '' || parseProtocol(protocol) !== 'UNSUPPORTED')
        continue;
      const path = [...p.path, 'protocol'];
      const suggestion = didYouMean(protocol, PROTOCOLS);
      ctx.report(
        path,
        `Unsupported protocol "${protocol}": use one of ${PROTOCOLS.join(', ')}.${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
        {
          on: 'value',
          fixes: suggestion ? [ctx.fix.replaceValue(path, suggestion, `Change to ${suggestion}`)] : [],
        },
      );
    }
  },
};
