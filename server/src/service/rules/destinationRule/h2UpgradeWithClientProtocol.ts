import type { Rule } from '../rule';
import { blocksOf, drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, obj } from '../shared/values';
import { removeFieldFix } from '../shared/safeEdits';

export const h2UpgradeWithClientProtocol: Rule = {
  code: 'dr-h2-upgrade-with-client-protocol',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'h2UpgradePolicy UPGRADE with useClientProtocol',
  explanation: [
    '`connectionPool.http.h2UpgradePolicy: UPGRADE` upgrades connections to HTTP/2, while `useClientProtocol: true` keeps the protocol the client used. They contradict each other, so Istio rejects the DestinationRule ("use client protocol must not be true when H2UpgradePolicy is UPGRADE").',
    '',
    'Keep one of them.',
  ].join('\n'),
  check(ctx) {
    for (const b of blocksOf(drSpecOf(ctx), 'connectionPool')) {
      const http = obj(b.value.http);
      if (http?.h2UpgradePolicy !== 'UPGRADE' || http.useClientProtocol !== true) continue;
      const ucp = [...b.path, 'http', 'useClientProtocol'];
      const h2 = [...b.path, 'http', 'h2UpgradePolicy'];
      ctx.report(
        ucp,
        `${fieldPath(ucp)} cannot be true when h2UpgradePolicy is UPGRADE; keep only one of them.`,
        {
          related: [{ path: h2, message: 'h2UpgradePolicy is UPGRADE here' }],
          fixes: [
            removeFieldFix(ctx, ucp, 'Remove useClientProtocol'),
            removeFieldFix(ctx, h2, 'Remove h2UpgradePolicy'),
          ],
        },
      );
    }
  },
};
