import type { Rule } from '../rule';
import { specOf } from '../shared/virtualServiceParts';
import { list } from '../shared/values';

export const routesRequired: Rule = {
  code: 'vs-routes-required',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'VirtualService has no http, tcp or tls routes',
  explanation: [
    'The VirtualService has no routes: `http`, `tcp` and `tls` are all missing or empty. Istio rejects it ("http, tcp or tls must be provided in virtual service"), because a VirtualService without routes does nothing.',
    '',
    'Add at least one route, for example:',
    '',
    '```yaml',
    'http:',
    '- route:',
    '  - destination:',
    '      host: reviews',
    '```',
  ].join('\n'),
  check(ctx) {
    const spec = specOf(ctx);
    if (!spec) return;
    if (list(spec.http).length || list(spec.tcp).length || list(spec.tls).length) return;
    ctx.report(['spec'], 'spec: a VirtualService needs at least one route in http, tcp or tls.');
  },
};
