import type { Rule } from '../rule';
import { faultsOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, isSet, obj } from '../shared/values';

export const faultHttp2Error: Rule = {
  code: 'vs-fault-http2-error',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'fault.abort.http2Error is not supported',
  explanation: [
    '`fault.abort.http2Error` is part of the API but not implemented. Istio rejects the VirtualService ("HTTP/2 abort fault injection not supported yet").',
    '',
    'Use `httpStatus` (for example `503`) or `grpcStatus` (for example `UNAVAILABLE`) instead.',
  ].join('\n'),
  check(ctx) {
    for (const f of faultsOf(specOf(ctx))) {
      const abort = obj(f.value.abort);
      if (!isSet(abort, 'http2Error')) continue;
      const at = [...f.path, 'abort', 'http2Error'];
      ctx.report(
        at,
        `${fieldPath(at)}: HTTP/2 abort fault injection is not supported yet; use httpStatus or grpcStatus.`,
      );
    }
  },
};
