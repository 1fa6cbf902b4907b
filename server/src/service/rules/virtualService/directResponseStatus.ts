import type { Rule } from '../rule';
import { routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, num, obj } from '../shared/values';

export const directResponseStatus: Rule = {
  code: 'vs-direct-response-status',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'directResponse.status out of range',
  explanation: [
    '`directResponse.status` is the HTTP status of the fixed response. Istio rejects values below 200 or above 600 ("HTTP status ... is not in range 200-599"; the check actually lets 600 through).',
    '',
    'Use a status from 200 to 599, for example `200`, `404` or `503`. To send clients to another URL, `redirect` is the better tool.',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) {
      const s = num(obj(r.value.directResponse)?.status);
      if (s === undefined || (s >= 200 && s <= 600)) continue;
      const at = [...r.path, 'directResponse', 'status'];
      ctx.report(at, `${fieldPath(at)}: HTTP status ${s} is not in the range 200..599.`, { on: 'value' });
    }
  },
};
