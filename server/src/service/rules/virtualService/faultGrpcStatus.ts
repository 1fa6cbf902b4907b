import type { Rule } from '../rule';
import { faultsOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, obj } from '../shared/values';

const CODES = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];

export const faultGrpcStatus: Rule = {
  code: 'vs-fault-grpc-status',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Unknown gRPC status in fault.abort',
  explanation: [
    '`fault.abort.grpcStatus` must be the name of a gRPC status code, so Istio rejects the VirtualService otherwise ("gRPC status ... is not supported"). The names are: ' +
      CODES.map((c) => `\`${c}\``).join(', ') +
      '.',
    '',
    'Write the name in upper case with underscores, for example `UNAVAILABLE` or `NOT_FOUND`.',
  ].join('\n'),
  check(ctx) {
    for (const f of faultsOf(specOf(ctx))) {
      const s = obj(f.value.abort)?.grpcStatus;
      if (typeof s !== 'string' || CODES.includes(s)) continue;
      const at = [...f.path, 'abort', 'grpcStatus'];
      const guess = s
        .trim()
        .toUpperCase()
        .replace(/[\s-]+/g, '_');
      ctx.report(at, `${fieldPath(at)}: "${s}" is not a gRPC status name; use one of ${CODES.join(', ')}.`, {
        on: 'value',
        fixes: CODES.includes(guess) ? [ctx.fix.replaceValue(at, guess, `Use ${guess}`)] : undefined,
      });
    }
  },
};
