import { httpRouteConflictRule } from '../shared/httpRouteConflict';
import { isSet } from '../shared/values';

export const directResponseWithFault = httpRouteConflictRule({
  code: 'vs-direct-response-with-fault',
  title: 'HTTP route has both directResponse and fault',
  first: 'directResponse',
  second: 'fault',
  when: (r) => !isSet(r, 'redirect'),
  reason: 'fault injection applies to forwarded requests, and a direct response forwards nothing',
  explanation: [
    'An HTTP route sets both `directResponse` and `fault`. Istio rejects the VirtualService ("HTTP route cannot contain both fault and direct_response"): faults are injected into requests on their way to a destination, and a direct response never reaches one.',
    '',
    'Remove `fault`. If you want a fixed error status, `directResponse.status` already does that.',
  ].join('\n'),
});
