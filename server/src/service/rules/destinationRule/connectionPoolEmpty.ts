import type { Rule } from '../rule';
import { blocksOf, drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, isSet } from '../shared/values';
import { removeFieldFix } from '../shared/safeEdits';

export const connectionPoolEmpty: Rule = {
  code: 'dr-connection-pool-empty',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'connectionPool without http or tcp settings',
  explanation: [
    '`connectionPool` is present but sets neither `http` nor `tcp`. Istio rejects it ("connection pool must have at least one field").',
    '',
    'Add `tcp` (for example `maxConnections`) and/or `http` (for example `http2MaxRequests`) settings, or remove `connectionPool`.',
  ].join('\n'),
  check(ctx) {
    for (const b of blocksOf(drSpecOf(ctx), 'connectionPool')) {
      if (isSet(b.value, 'http') || isSet(b.value, 'tcp')) continue;
      ctx.report(b.path, `${fieldPath(b.path)}: a connection pool must set http or tcp settings.`, {
        fixes: [removeFieldFix(ctx, b.path, 'Remove connectionPool')],
      });
    }
  },
};
