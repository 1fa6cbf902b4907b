import type { Rule } from '../rule';
import { gatewayLists, gatewayNameProblems } from '../shared/gatewayNames';
import { specOf } from '../shared/virtualServiceParts';
import { fieldPath } from '../shared/values';

export const gatewayNames: Rule = {
  code: 'vs-gateway-name',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Invalid gateway reference',
  explanation: [
    'A `gateways` entry (in `spec.gateways` or in a route `match`) is not a valid gateway reference, so Istio rejects the VirtualService. An entry must be one of:',
    '',
    '- `<namespace>/<name>`, where both parts are DNS labels (letters, digits and `-`) and neither is empty;',
    "- a plain `<name>`, meaning a Gateway in the VirtualService's own namespace (it must be a valid DNS name);",
    '- `mesh`, for the sidecars of the mesh.',
    '',
    'Note: Istio stops checking a list at its first entry without a `/`, so later entries of that list are not checked (and not reported here).',
  ].join('\n'),
  check(ctx) {
    for (const { names, path } of gatewayLists(specOf(ctx))) {
      for (const p of gatewayNameProblems(names)) {
        if (!p.error) continue;
        const at = [...path, p.index];
        ctx.report(at, `${fieldPath(at)}: ${p.error}.`, { on: 'value' });
      }
    }
  },
};
