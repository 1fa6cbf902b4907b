import type { Rule } from '../rule';
import { validateIPBlock } from '../shared/ip';
import { IP_FIELDS, KIND, sources, strings } from './policy';

export const invalidIpBlock: Rule = {
  code: 'ap-invalid-ip-block',
  severity: 'error',
  kinds: [KIND],
  title: 'Invalid IP address or CIDR range in a source',
  explanation: [
    '`ipBlocks`, `notIpBlocks`, `remoteIpBlocks` and `notRemoteIpBlocks` take IP addresses (`10.1.2.3`, `2001:db8::1`) or CIDR ranges (`10.1.0.0/16`). Istio rejects any other value.',
    '',
    'Write a plain IPv4/IPv6 address, or an address with a prefix length after a single `/` (at most 32 for IPv4, 128 for IPv6). Leading zeros in IPv4 parts are not accepted.',
  ].join('\n'),
  check(ctx) {
    for (const s of sources(ctx.value)) {
      for (const field of IP_FIELDS) {
        for (const item of strings(s, field)) {
          if (item.value === '') continue;
          const problem = validateIPBlock(item.value);
          if (problem) ctx.report(item.path, `source.${field}: ${problem}.`, { on: 'value' });
        }
      }
    }
  },
};
