import type { Rule } from '../rule';
import { hostsOf, KIND, resolutionOf } from './entry';

export const dynamicDnsHost: Rule = {
  code: 'se-dynamic-dns-host',
  severity: 'error',
  kinds: [KIND],
  title: 'DYNAMIC_DNS host without a wildcard',
  explanation: [
    '`resolution: DYNAMIC_DNS` is for wildcard hosts: the proxy resolves whatever name a request asks for under the wildcard. Istio rejects hosts without a wildcard in that mode. Use `*.example.com`, or `resolution: DNS` for fixed names.',
  ].join('\n'),
  check(ctx) {
    if (resolutionOf(ctx.value) !== 'DYNAMIC_DNS') return;
    for (const { host, index } of hostsOf(ctx.value)) {
      if (host.startsWith('*')) continue;
      ctx.report(
        ['spec', 'hosts', index],
        `With resolution DYNAMIC_DNS every host must be a wildcard, but "${host}" is not.`,
        { on: 'value' },
      );
    }
  },
};
