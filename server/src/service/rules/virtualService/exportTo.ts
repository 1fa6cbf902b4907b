import type { Rule } from '../rule';
import { exportToProblems } from '../shared/exportTo';
import { specOf } from '../shared/virtualServiceParts';
import { namespaceOf } from '../shared/values';

export const exportTo: Rule = {
  code: 'vs-export-to',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Invalid exportTo',
  explanation: [
    "`exportTo` lists the namespaces that can see this VirtualService. Istio rejects the object when an entry is not `.` (this namespace), `*` (all namespaces) or a namespace name, when an entry is repeated (`.` and the object's own namespace count as the same), or when `*` is combined with other entries.",
    '',
    '`~` (export to nobody) is only allowed on a ServiceEntry.',
  ].join('\n'),
  check(ctx) {
    const list = specOf(ctx)?.exportTo;
    for (const p of exportToProblems(list, { namespace: namespaceOf(ctx.value) })) {
      const path = p.index === undefined ? ['spec', 'exportTo'] : ['spec', 'exportTo', p.index];
      ctx.report(path, `spec.exportTo${p.index === undefined ? '' : `[${p.index}]`}: ${p.message}.`, {
        on: p.index === undefined ? 'key' : 'value',
        related:
          p.duplicateOf === undefined
            ? undefined
            : [{ path: ['spec', 'exportTo', p.duplicateOf], on: 'value', message: 'first listed here' }],
      });
    }
  },
};
