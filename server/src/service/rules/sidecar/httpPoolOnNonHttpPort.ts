import type { Rule } from '../rule';
import { isHttp, parseProtocol } from '../shared/protocols';
import { obj } from '../shared/values';
import { ingressOf, KIND } from './listeners';

export const httpPoolOnNonHttpPort: Rule = {
  code: 'sc-http-pool-on-non-http-port',
  severity: 'warning',
  kinds: [KIND],
  title: 'HTTP pool settings on a port that is not HTTP',
  explanation: [
    'An ingress listener sets `connectionPool.http`, but its port protocol is not HTTP (HTTP, HTTP2, HTTP_PROXY, GRPC or GRPC-WEB). Istio accepts it with a warning: only the TCP settings will apply. Set the port protocol, or move the limits to `connectionPool.tcp`.',
  ].join('\n'),
  check(ctx) {
    for (const l of ingressOf(ctx.value)) {
      const http = obj(l.value.connectionPool)?.http;
      if (http === undefined || http === null || !l.port || isHttp(parseProtocol(l.port.protocol))) continue;
      const protocol = typeof l.port.protocol === 'string' && l.port.protocol ? l.port.protocol : 'not set';
      ctx.report(
        [...l.path, 'connectionPool', 'http'],
        `ingress[${l.index}] sets HTTP pool settings, but its protocol is ${protocol}; only the TCP settings will apply.`,
      );
    }
  },
};
