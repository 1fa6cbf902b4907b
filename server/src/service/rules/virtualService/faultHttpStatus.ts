import type { Rule } from '../rule';
import { faultsOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, num, obj } from '../shared/values';

export const faultHttpStatus: Rule = {
  code: 'vs-fault-http-status',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'fault.abort.httpStatus out of range',
  explanation: [
    '`fault.abort.httpStatus` is the status returned for aborted requests. Istio rejects values below 200 or above 600 ("HTTP status ... is not in range 200-599"; the check actually lets 600 through).',
    '',
    'Use an error status such as `500`, `503` or `429`.',
  ].join('\n'),
  check(ctx) {
    for (const f of faultsOf(specOf(ctx))) {
      const s = num(obj(f.value.abort)?.httpStatus);
      if (s === undefined || (s >= 200 && s <= 600)) continue;
      const at = [...f.path, 'abort', 'httpStatus'];
      ctx.report(at, `${fieldPath(at)}: HTTP status ${s} is not in the range 200..599.`, { on: 'value' });
    }
  },
};
