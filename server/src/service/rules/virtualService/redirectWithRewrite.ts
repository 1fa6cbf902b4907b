import { httpRouteConflictRule } from '../shared/httpRouteConflict';

export const redirectWithRewrite = httpRouteConflictRule({
  code: 'vs-redirect-with-rewrite',
  title: 'HTTP route has both redirect and rewrite',
  first: 'redirect',
  second: 'rewrite',
  reason: 'a rewrite changes forwarded requests, and a redirect forwards nothing',
  explanation: [
    'An HTTP route sets both `redirect` and `rewrite`. Istio rejects the VirtualService ("HTTP route rule cannot contain both rewrite and redirect"): `rewrite` changes the request before it is forwarded, while `redirect` answers the client directly.',
    '',
    'To send the client to a new URI or authority, put it in `redirect.uri` / `redirect.authority`. To change the request silently on its way to the backend, use `rewrite` with a `route`.',
  ].join('\n'),
});
