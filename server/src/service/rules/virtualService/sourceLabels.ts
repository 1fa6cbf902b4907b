import type { Rule } from '../rule';
import { labelMapProblems } from '../shared/labels';
import { matchesOf, routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath } from '../shared/values';

export const sourceLabels: Rule = {
  code: 'vs-source-labels',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Invalid sourceLabels',
  explanation: [
    'A key or value of a match\'s `sourceLabels` is not a valid Kubernetes label, so Istio rejects the VirtualService ("invalid tag key" / "invalid tag value").',
    '',
    'A key is an optional DNS prefix and `/` (such as `app.kubernetes.io/`), then a name of at most 63 letters, digits, `-`, `_` or `.` that starts and ends with a letter or digit. A value follows the same rules for the name, or is empty.',
  ].join('\n'),
  check(ctx) {
    for (const kind of ['http', 'tls', 'tcp'] as const) {
      for (const r of routesOf(specOf(ctx), kind)) {
        for (const m of matchesOf(r)) {
          for (const p of labelMapProblems(m.value.sourceLabels)) {
            const at = [...m.path, 'sourceLabels', p.key];
            ctx.report(at, `${fieldPath([...m.path, 'sourceLabels'])}: ${p.message}.`, { on: p.on });
          }
        }
      }
    }
  },
};
