import type { Rule } from '../rule';
import { obj } from '../shared/values';

const blank = (v: unknown): boolean => v === undefined || v === null || v === '';

export const addressRequired: Rule = {
  code: 'we-address-required',
  severity: 'error',
  kinds: ['WorkloadEntry'],
  title: 'WorkloadEntry without address or network',
  explanation: [
    "A WorkloadEntry needs an `address` (an IP, a host name, or `unix://` socket) so that traffic can reach the workload. Istio rejects an entry whose address is empty unless `network` is set (then the workload is reached through that network's gateway, and Istio only warns).",
    '',
    'The CRD schema already rejects an entry with neither field; this covers empty values.',
  ].join('\n'),
  check(ctx) {
    const spec = obj(ctx.value.spec);
    if (!spec || !blank(spec.address) || !blank(spec.network)) return;
    if (spec.address === undefined && spec.network === undefined) return; // the CRD rule reports it
    const at = spec.address !== undefined ? ['spec', 'address'] : ['spec', 'network'];
    ctx.report(
      at,
      "spec.address must not be empty (unless spec.network is set): give the workload's IP or host name.",
      { on: 'value' },
    );
  },
};
