import type { Rule } from '../rule';
import { directResponseBodySize, routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, obj } from '../shared/values';

const MB = 1024 * 1024;

export const directResponseBodyTooLarge: Rule = {
  code: 'vs-direct-response-body-too-large',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'directResponse body larger than 1 MB',
  explanation: [
    'The body of a `directResponse` is pushed to every proxy as part of the configuration. Istio rejects bodies larger than 1 MB ("large direct_responses may impact control plane performance, must be less than 1MB").',
    '',
    'Serve large content from a real backend and `route` to it instead.',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) {
      const body = obj(obj(r.value.directResponse)?.body);
      const s = body && directResponseBodySize(body);
      if (!s || s.size <= MB) continue;
      const at = [...r.path, 'directResponse', 'body', s.field];
      ctx.report(
        at,
        `${fieldPath(at)}: the body is ${s.size} bytes; a direct response body must be at most 1 MB.`,
      );
    }
  },
};
