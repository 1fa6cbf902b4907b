import type { Rule } from '../rule';
import { isDelegateVs, specOf } from '../shared/virtualServiceParts';
import { list } from '../shared/values';
import { removeFieldFix } from '../shared/safeEdits';

const FIELDS = ['gateways', 'tls', 'tcp'] as const;

export const delegateTopLevel: Rule = {
  code: 'vs-delegate-top-level',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Delegate VirtualService sets gateways, tls or tcp',
  explanation: [
    'A VirtualService without `hosts` is a **delegate**: it only holds HTTP routes that a root VirtualService pulls in with `http[].delegate`. Istio rejects a delegate that sets `gateways` ("delegate virtual service must have no gateways specified"), `tls` or `tcp` routes: the root decides the hosts and gateways, and only HTTP routes can be delegated.',
    '',
    'Move `gateways`, `tls` and `tcp` to the root VirtualService, or add `hosts` if this VirtualService is not meant to be a delegate.',
  ].join('\n'),
  check(ctx) {
    const spec = specOf(ctx);
    if (!spec || !isDelegateVs(spec)) return;
    for (const field of FIELDS) {
      if (list(spec[field]).length === 0) continue;
      const what = field === 'gateways' ? 'gateways' : `${field} routes`;
      ctx.report(
        ['spec', field],
        `spec.${field}: a delegate VirtualService (one without hosts) cannot have ${what}; only http routes can be delegated. Set them on the root VirtualService, or add hosts.`,
        {
          fixes: [removeFieldFix(ctx, ['spec', field], `Remove ${field}`)],
        },
      );
    }
  },
};
