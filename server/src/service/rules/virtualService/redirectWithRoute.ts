import { httpRouteConflictRule } from '../shared/httpRouteConflict';

export const redirectWithRoute = httpRouteConflictRule({
  code: 'vs-redirect-with-route',
  title: 'HTTP route has both redirect and route',
  first: 'redirect',
  second: 'route',
  reason: 'a redirect answers the request itself, so there is nothing to forward',
  explanation: [
    'An HTTP route sets both `redirect` and `route`. Istio rejects the VirtualService ("HTTP route cannot contain both route and redirect"): a redirect sends a 3xx response straight back to the client, so the request is never forwarded to the `route` destinations.',
    '',
    'Keep `redirect` if clients should be sent elsewhere, or keep `route` if the request should be forwarded. To do both for different requests, split them into two HTTP routes with different `match` conditions.',
  ].join('\n'),
});
