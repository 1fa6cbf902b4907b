import type { Rule } from '../rule';
import { validateWildcardDomain } from '../shared/hostnames';
import { hostsOf, KIND } from './entry';

export const invalidHost: Rule = {
  code: 'se-invalid-host',
  severity: 'error',
  kinds: [KIND],
  title: 'Invalid ServiceEntry host',
  explanation: [
    'Each entry of `spec.hosts` must be a DNS name, optionally with a wildcard first label (`*.example.com`): labels of letters, digits and `-`, separated by dots, and a last label that is not all digits. Istio rejects anything else, such as URLs, names with `_`, or IP addresses (put IPs into `addresses` instead).',
  ].join('\n'),
  check(ctx) {
    for (const { host, index } of hostsOf(ctx.value)) {
      if (host === '*') continue; // the CRD rule reports it
      const problem = validateWildcardDomain(host);
      if (problem) ctx.report(['spec', 'hosts', index], `spec.hosts[${index}]: ${problem}.`, { on: 'value' });
    }
  },
};
