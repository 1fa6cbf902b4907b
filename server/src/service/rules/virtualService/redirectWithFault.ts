import { httpRouteConflictRule } from '../shared/httpRouteConflict';

export const redirectWithFault = httpRouteConflictRule({
  code: 'vs-redirect-with-fault',
  title: 'HTTP route has both redirect and fault',
  first: 'redirect',
  second: 'fault',
  reason: 'fault injection applies to forwarded requests, and a redirect forwards nothing',
  explanation: [
    'An HTTP route sets both `redirect` and `fault`. Istio rejects the VirtualService ("HTTP route cannot contain both fault and redirect"): faults (delays and aborts) are injected into requests on their way to a destination, and a redirected request never goes to one.',
    '',
    'Remove `fault`, or replace `redirect` with a `route` if you meant to test faults on forwarded traffic.',
  ].join('\n'),
});
