import type { Rule } from '../rule';
import { isTcp, parseProtocol } from '../shared/protocols';
import { list } from '../shared/values';
import { hostsOf, KIND, portsOf, resolutionOf, specOf } from './entry';

export const multipleHostsWithAddress: Rule = {
  code: 'se-multiple-hosts-with-address',
  severity: 'warning',
  kinds: [KIND],
  title: 'Several hosts share an address on a TCP port',
  explanation: [
    'A DNS ServiceEntry has `addresses`, several `hosts` and a TCP-type port. TCP traffic sent to the address cannot say which of the hosts it is for, so Istio warns ("service entry can not have more than one host specified simultaneously with address and tcp port").',
    '',
    'Split the hosts into separate ServiceEntries, each with its own address.',
  ].join('\n'),
  check(ctx) {
    const resolution = resolutionOf(ctx.value);
    if (resolution !== 'DNS' && resolution !== 'DNS_ROUND_ROBIN') return;
    if (list(specOf(ctx.value).addresses).length === 0 || hostsOf(ctx.value).length < 2) return;
    if (!portsOf(ctx.value).some((p) => isTcp(parseProtocol(p.value.protocol)))) return;
    ctx.report(
      ['spec', 'addresses'],
      'These addresses are shared by several hosts on a TCP port; TCP traffic to them cannot be told apart by host.',
      {
        related: [{ path: ['spec', 'hosts'], message: 'several hosts' }],
      },
    );
  },
};
