import { httpRouteConflictRule } from '../shared/httpRouteConflict';

export const mirrorWithMirrors = httpRouteConflictRule({
  code: 'vs-mirror-with-mirrors',
  title: 'HTTP route has both mirror and mirrors',
  first: 'mirror',
  second: 'mirrors',
  reason: 'mirrors replaces the single mirror field',
  explanation: [
    'An HTTP route sets both `mirror` and `mirrors`. Istio rejects the VirtualService ("HTTP route cannot contain both mirror and mirrors"): `mirrors` is the newer list form that supersedes `mirror` (and `mirrorPercentage`).',
    '',
    'Move the `mirror` destination into `mirrors` as another entry (with its own `percentage`), then remove `mirror`.',
  ].join('\n'),
});
