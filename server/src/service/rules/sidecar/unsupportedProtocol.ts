import { didYouMean } from '../../didYouMean';
import type { Rule } from '../rule';
import { parseProtocol, PROTOCOLS } from '../shared/protocols';
import { allListeners, KIND } from './listeners';

export const unsupportedProtocol: Rule = {
  code: 'sc-unsupported-protocol',
  severity: 'error',
  kinds: [KIND],
  title: 'Unknown listener protocol',
  explanation: [
    "A Sidecar listener's `port.protocol` must be one of HTTP, HTTPS, GRPC, GRPC-WEB, HTTP2, HTTP_PROXY, TCP, TLS, UDP, MONGO, REDIS or MYSQL (in any letter case), or be left empty for protocol detection. Istio rejects anything else.",
  ].join('\n'),
  check(ctx) {
    for (const l of allListeners(ctx.value)) {
      const p = l.port?.protocol;
      if (typeof p !== 'string' || p === '' || parseProtocol(p) !== 'UNSUPPORTED') continue;
      const path = [...l.path, 'port', 'protocol'];
      const suggestion = didYouMean(p, PROTOCOLS);
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
