import type { Rule } from '../rule';
import { directResponseBodySize, routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, obj } from '../shared/values';

const KB100 = 100 * 1024;
const MB = 1024 * 1024;

export const directResponseBodyLarge: Rule = {
  code: 'vs-direct-response-body-large',
  severity: 'warning',
  kinds: ['VirtualService'],
  title: 'directResponse body larger than 100 KB',
  explanation: [
    'The body of a `directResponse` is pushed to every proxy as part of the configuration. Istio accepts bodies up to 1 MB but warns above 100 KB ("large direct_responses may impact control plane performance").',
    '',
    'Keep direct responses small, or serve the content from a backend.',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) {
      const body = obj(obj(r.value.directResponse)?.body);
      const s = body && directResponseBodySize(body);
      if (!s || s.size <= KB100 || s.size > MB) continue;
      const at = [...r.path, 'directResponse', 'body', s.field];
      ctx.report(
        at,
        `${fieldPath(at)}: the body is ${s.size} bytes; bodies over 100 KB may slow down the control plane.`,
      );
    }
  },
};
