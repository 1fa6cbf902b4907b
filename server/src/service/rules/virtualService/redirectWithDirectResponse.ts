import { httpRouteConflictRule } from '../shared/httpRouteConflict';

export const redirectWithDirectResponse = httpRouteConflictRule({
  code: 'vs-redirect-with-direct-response',
  title: 'HTTP route has both redirect and directResponse',
  first: 'redirect',
  second: 'directResponse',
  reason: 'both answer the request themselves, so only one response can be sent',
  explanation: [
    'An HTTP route sets both `redirect` and `directResponse`. Istio rejects the VirtualService ("HTTP route rule cannot contain both direct_response and redirect"): each of them produces the response on its own, and a request gets only one response.',
    '',
    'Keep `redirect` for a 3xx to another location, or `directResponse` for a fixed status and body.',
  ].join('\n'),
});
