import { httpRouteConflictRule } from '../shared/httpRouteConflict';
import { isSet } from '../shared/values';

export const directResponseWithRoute = httpRouteConflictRule({
  code: 'vs-direct-response-with-route',
  title: 'HTTP route has both directResponse and route',
  first: 'directResponse',
  second: 'route',
  when: (r) => !isSet(r, 'redirect'),
  reason: 'a direct response answers the request itself, so there is nothing to forward',
  explanation: [
    'An HTTP route sets both `directResponse` and `route`. Istio rejects the VirtualService ("HTTP route cannot contain both route and direct_response"): the proxy answers with the fixed status and body, so the `route` destinations would never be used.',
    '',
    'Keep one of them. To answer some requests directly and forward others, use two HTTP routes with different `match` conditions.',
  ].join('\n'),
});
