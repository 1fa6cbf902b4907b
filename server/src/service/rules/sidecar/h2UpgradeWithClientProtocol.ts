import type { Rule } from '../rule';
import { obj } from '../shared/values';
import { connectionPools, KIND } from './listeners';

export const h2UpgradeWithClientProtocol: Rule = {
  code: 'sc-h2-upgrade-with-client-protocol',
  severity: 'error',
  kinds: [KIND],
  title: 'h2UpgradePolicy UPGRADE together with useClientProtocol',
  explanation: [
    '`h2UpgradePolicy: UPGRADE` upgrades connections to HTTP/2, while `useClientProtocol: true` keeps whatever protocol the client used. The two contradict each other and Istio rejects the combination. Keep one.',
  ].join('\n'),
  check(ctx) {
    for (const { path, pool } of connectionPools(ctx.value)) {
      const http = obj(pool.http);
      if (http?.h2UpgradePolicy !== 'UPGRADE' || http.useClientProtocol !== true) continue;
      ctx.report(
        [...path, 'http', 'useClientProtocol'],
        'useClientProtocol cannot be true when h2UpgradePolicy is UPGRADE.',
        {
          related: [
            {
              path: [...path, 'http', 'h2UpgradePolicy'],
              message: 'h2UpgradePolicy is UPGRADE',
              on: 'value',
            },
          ],
        },
      );
    }
  },
};
