import type { Rule } from '../rule';
import { exportToProblems } from '../shared/exportTo';
import { namespaceOf } from '../shared/values';
import { KIND, specOf } from './entry';

export const exportTo: Rule = {
  code: 'se-export-to',
  severity: 'error',
  kinds: [KIND],
  title: 'Invalid exportTo',
  explanation: [
    "`exportTo` lists the namespaces that can see this ServiceEntry. Istio rejects the object when an entry is not `.` (this namespace), `*` (all namespaces), `~` (nobody) or a namespace name, when an entry is repeated (`.` and the object's own namespace count as the same), or when `*` or `~` is combined with other entries.",
  ].join('\n'),
  check(ctx) {
    for (const p of exportToProblems(specOf(ctx.value).exportTo, {
      namespace: namespaceOf(ctx.value),
      serviceEntry: true,
    })) {
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
