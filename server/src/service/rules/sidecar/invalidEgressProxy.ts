import type { Rule } from '../rule';
import { isDns1123Label, validateFqdn } from '../shared/hostnames';
import { validatePort } from '../shared/ports';
import { obj } from '../shared/values';
import { KIND, specOf } from './listeners';

export const invalidEgressProxy: Rule = {
  code: 'sc-invalid-egress-proxy',
  severity: 'error',
  kinds: [KIND],
  title: 'Invalid egressProxy destination',
  explanation: [
    '`outboundTrafficPolicy.egressProxy` names the proxy to send unknown traffic to. Istio requires `host` to be a fully qualified name (no wildcard), a `port` with a number in 1..65535, and, when given, a `subset` name that is a DNS label.',
  ].join('\n'),
  check(ctx) {
    const policy = obj(specOf(ctx.value).outboundTrafficPolicy);
    const proxy = obj(policy?.egressProxy);
    if (!policy || !proxy || policy.mode !== 'ALLOW_ANY') return;
    const base = ['spec', 'outboundTrafficPolicy', 'egressProxy'];
    if (typeof proxy.host === 'string') {
      const problem = validateFqdn(proxy.host);
      if (problem) ctx.report([...base, 'host'], `egressProxy.host: ${problem}.`, { on: 'value' });
    }
    const port = obj(proxy.port);
    if (proxy.port === undefined || proxy.port === null) {
      ctx.report(base, 'egressProxy needs a port.');
    } else if (port) {
      const number = typeof port.number === 'number' ? port.number : 0;
      const problem = validatePort(number);
      if (problem)
        ctx.report(
          port.number === undefined ? [...base, 'port'] : [...base, 'port', 'number'],
          `egressProxy.port: ${problem}.`,
          { on: port.number === undefined ? 'key' : 'value' },
        );
    }
    if (typeof proxy.subset === 'string' && proxy.subset !== '' && !isDns1123Label(proxy.subset)) {
      ctx.report(
        [...base, 'subset'],
        `egressProxy.subset "${proxy.subset}" must be a DNS label (letters, digits and '-').`,
        { on: 'value' },
      );
    }
  },
};
