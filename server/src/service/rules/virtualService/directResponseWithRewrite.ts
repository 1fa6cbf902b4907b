import { httpRouteConflictRule } from '../shared/httpRouteConflict';
import { isSet } from '../shared/values';

export const directResponseWithRewrite = httpRouteConflictRule({
  code: 'vs-direct-response-with-rewrite',
  title: 'HTTP route has both directResponse and rewrite',
  first: 'directResponse',
  second: 'rewrite',
  when: (r) => !isSet(r, 'redirect'),
  reason: 'a rewrite changes forwarded requests, and a direct response forwards nothing',
  explanation: [
    'An HTTP route sets both `directResponse` and `rewrite`. Istio rejects the VirtualService ("HTTP route rule cannot contain both rewrite and direct_response"): `rewrite` changes the request before it is forwarded, but a direct response is produced by the proxy without forwarding.',
    '',
    'Remove `rewrite`, or replace `directResponse` with a `route` if the request should reach a backend.',
  ].join('\n'),
});
