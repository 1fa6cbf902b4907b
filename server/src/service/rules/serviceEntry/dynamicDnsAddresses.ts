import type { Rule } from '../rule';
import { removeFieldFix } from '../shared/safeEdits';
import { list } from '../shared/values';
import { KIND, resolutionOf, specOf } from './entry';

export const dynamicDnsAddresses: Rule = {
  code: 'se-dynamic-dns-addresses',
  severity: 'error',
  kinds: [KIND],
  title: 'DYNAMIC_DNS with addresses or endpoints',
  explanation: [
    'With `resolution: DYNAMIC_DNS` the destination is found by resolving the requested name at request time, so fixed `addresses` and `endpoints` make no sense; Istio rejects them. Remove them, or choose another resolution.',
  ].join('\n'),
  check(ctx) {
    if (resolutionOf(ctx.value) !== 'DYNAMIC_DNS') return;
    const spec = specOf(ctx.value);
    for (const field of ['addresses', 'endpoints']) {
      if (list(spec[field]).length === 0) continue;
      ctx.report(['spec', field], `spec.${field} is not allowed with resolution DYNAMIC_DNS.`, {
        related: [{ path: ['spec', 'resolution'], message: 'resolution is DYNAMIC_DNS', on: 'value' }],
        fixes: [removeFieldFix(ctx, ['spec', field], `Remove ${field}`, true)],
      });
    }
  },
};
