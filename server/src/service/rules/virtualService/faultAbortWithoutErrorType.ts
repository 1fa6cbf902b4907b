import type { Rule } from '../rule';
import { faultsOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, obj } from '../shared/values';

export const faultAbortWithoutErrorType: Rule = {
  code: 'vs-fault-abort-without-error-type',
  severity: 'warning',
  kinds: ['VirtualService'],
  title: 'fault.abort without an error type',
  explanation: [
    '`fault.abort` is set without `httpStatus`, `grpcStatus` or `http2Error`, so it does not say what error to return. Istio accepts the VirtualService but warns ("abort configured, but error type not set").',
    '',
    'Add `httpStatus` (for example `503`) or `grpcStatus` (for example `UNAVAILABLE`).',
  ].join('\n'),
  check(ctx) {
    for (const f of faultsOf(specOf(ctx))) {
      const abort = obj(f.value.abort);
      if (
        !abort ||
        ['httpStatus', 'grpcStatus', 'http2Error'].some((k) => abort[k] !== undefined && abort[k] !== null)
      )
        continue;
      const at = [...f.path, 'abort'];
      ctx.report(
        at,
        `${fieldPath(at)}: abort is configured but no error type is set; add httpStatus or grpcStatus.`,
      );
    }
  },
};
