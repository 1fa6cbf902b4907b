import type { Rule } from '../rule';
import { isDelegateVs, routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, isSet } from '../shared/values';
import { removeFieldFix } from '../shared/safeEdits';

export const nestedDelegate: Rule = {
  code: 'vs-nested-delegate',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Delegate VirtualService delegates again',
  explanation: [
    'This VirtualService has no `hosts`, so it is a delegate: a root VirtualService hands requests to it. Istio rejects a delegate whose HTTP route sets `delegate` again ("delegate HTTP route cannot contain delegate"): delegation is only one level deep.',
    '',
    'Replace `delegate` with `route`, `redirect` or `directResponse`, or move the routes of the next VirtualService into this one.',
  ].join('\n'),
  check(ctx) {
    const spec = specOf(ctx);
    if (!spec || !isDelegateVs(spec)) return;
    for (const r of routesOf(spec, 'http')) {
      if (!isSet(r.value, 'delegate')) continue;
      const at = [...r.path, 'delegate'];
      ctx.report(
        at,
        `${fieldPath(at)}: a delegate VirtualService (one without hosts) cannot delegate again; use route, redirect or directResponse.`,
        {
          fixes: [removeFieldFix(ctx, at, 'Remove delegate')],
        },
      );
    }
  },
};
