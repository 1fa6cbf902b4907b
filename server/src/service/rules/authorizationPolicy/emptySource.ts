import type { Rule } from '../rule';
import { hasEntries, mistyped, KIND, SOURCE_FIELDS, sources } from './policy';

export const emptySource: Rule = {
  code: 'ap-empty-source',
  severity: 'error',
  kinds: [KIND],
  title: 'Empty `from.source`',
  explanation: [
    'A `from.source` sets none of its fields, so it does not say which peers it matches. Istio rejects it.',
    '',
    'Set at least one of `principals`, `requestPrincipals`, `namespaces`, `serviceAccounts`, `trustDomains`, `ipBlocks`, `remoteIpBlocks` (or their `not` forms) to a non-empty list.',
  ].join('\n'),
  check(ctx) {
    for (const s of sources(ctx.value)) {
      if (SOURCE_FIELDS.some((f) => hasEntries(s.value, f) || mistyped(s.value, f))) continue;
      ctx.report(
        s.path,
        'from.source sets no field: list principals, namespaces, serviceAccounts, ipBlocks or another source field.',
      );
    }
  },
};
