import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { fixesOf, runCases, VS, vs } from '../applyFix';

/** A route whose fault block (key on line VS + 2) holds `fault`. */
const withFault = (fault: string): string =>
  vs(
    `  hosts: [reviews]\n  http:\n  - fault:\n${fault}    route:\n    - destination:\n        host: reviews\n`,
  );

const ABORT = '      abort:\n        httpStatus: 503\n        percentage:\n          value: 10\n';

runCases([
  {
    code: 'vs-fault-empty',
    what: 'a fault with neither abort nor delay',
    valid: withFault(ABORT),
    invalid: vs(
      '  hosts: [reviews]\n  http:\n  - route:\n    - destination:\n        host: reviews\n    fault: {}\n',
    ),
    line: VS + 5,
    covers: 'fault',
    fixes: ['Remove fault'],
  },
  {
    code: 'vs-fault-percentage',
    what: 'a percentage below 0.0001',
    valid: withFault('      delay:\n        fixedDelay: 5s\n        percentage:\n          value: 0.0001\n'),
    invalid: withFault(
      '      delay:\n        fixedDelay: 5s\n        percentage:\n          value: 0.00001\n',
    ),
    line: VS + 6,
    covers: '0.00001',
  },
  {
    code: 'vs-fault-grpc-status',
    what: 'a gRPC status in the wrong case',
    valid: withFault('      abort:\n        grpcStatus: UNAVAILABLE\n'),
    invalid: withFault('      abort:\n        grpcStatus: not-found\n'),
    line: VS + 4,
    covers: 'not-found',
    fixes: ['Use NOT_FOUND'],
  },
  {
    code: 'vs-fault-http2-error',
    what: 'an HTTP/2 error abort',
    valid: withFault(ABORT),
    invalid: withFault('      abort:\n        http2Error: REFUSED_STREAM\n'),
    line: VS + 4,
    covers: 'http2Error',
  },
  {
    code: 'vs-fault-http-status',
    what: 'status 199',
    valid: withFault('      abort:\n        httpStatus: 600\n'),
    invalid: withFault('      abort:\n        httpStatus: 199\n'),
    line: VS + 4,
    covers: '199',
  },
  {
    code: 'vs-fault-abort-without-error-type',
    what: 'an abort with only a percentage',
    valid: withFault(ABORT),
    invalid: withFault('      abort:\n        percentage:\n          value: 10\n'),
    line: VS + 3,
    covers: 'abort',
  },
  {
    code: 'vs-fault-exponential-delay',
    what: 'an exponential delay',
    valid: withFault('      delay:\n        fixedDelay: 1s\n'),
    invalid: withFault('      delay:\n        exponentialDelay: 1s\n'),
    line: VS + 4,
    covers: 'exponentialDelay',
    fixes: ['Use fixedDelay'],
  },
]);

test('vs-fault-http-status: 600 passes (Istio accepts it despite its message)', () => {
  expectNone(diagnose(withFault('      abort:\n        httpStatus: 600\n')), 'vs-fault-http-status');
});

test('vs-fault-grpc-status: an unknown name has no fix', () => {
  const text = withFault('      abort:\n        grpcStatus: BROKEN\n');
  const d = expectDiagnostic(diagnose(text), 'vs-fault-grpc-status', VS + 4, { text, covers: 'BROKEN' });
  assert.deepEqual(fixesOf(d), []);
});
