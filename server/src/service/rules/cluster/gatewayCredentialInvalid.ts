import type { SecretSummary } from '../../cluster/types';
import { clusterSummary } from '../../cluster/source';
import { itemsOf } from '../shared/virtualServiceParts';
import { WORKLOAD_KINDS } from '../../workspace/summary';
import type { WorkspaceRule } from '../workspace/rule';
import { gatewayWorkloads } from './gatewayPods';
import { connectedCluster, synced } from './cluster';
import { secretName } from './gatewayCredentialNotFound';

/** The key pairs a gateway accepts a server certificate under. */
const PAIRS = [
  ['tls.crt', 'tls.key'],
  ['cert', 'key'],
];

/**
 * IST0161: the Secret named by `credentialName` exists in the gateway namespace of the cluster but
 * has neither non-empty `tls.crt`/`tls.key` nor `cert`/`key`. Only key names are read, never values,
 * so a present but malformed certificate is not detected.
 */
export const gatewayCredentialInvalid: WorkspaceRule = {
  id: 'gateway-credential-invalid',
  code: 'IST0161',
  severity: 'error',
  reads: ['Gateway', 'Secret', ...WORKLOAD_KINDS],
  title: 'A Gateway credentialName Secret holds no certificate',
  explanation:
    'A gateway takes its server certificate and key from the Secret keys `tls.crt` and `tls.key`, or `cert` and `key`. A Secret with neither pair (or with empty values) cannot serve TLS, and the server is not configured. Recreate the Secret, for example with `kubectl create secret tls`.',
  check(ctx) {
    const c = connectedCluster(ctx);
    if (!c || !synced(c, 'Secret')) return;
    for (const gw of ctx.subjects('Gateway')) {
      const servers = itemsOf(gw.spec, 'servers', ['spec']).filter((s) => secretName(s.value));
      if (!servers.length) continue;
      const workloads = gatewayWorkloads(ctx, gw);
      if (!workloads) continue;
      const namespaces = new Set(workloads.map((w) => w.namespace));
      for (const s of servers) {
        const cn = secretName(s.value) ?? '';
        const secrets = ctx.resolver
          .resources('Secret')
          .filter((x) => x.name === cn && namespaces.has(x.namespace));
        // A workspace copy overrides the cluster's, and its keys are not indexed: nothing to say.
        const summaries = secrets.map((x) => clusterSummary(x) as SecretSummary | undefined);
        if (!summaries.length || summaries.some((x) => !x?.keys)) continue;
        const good = summaries.some((x) => PAIRS.some((p) => p.every((k) => x?.keys?.includes(k))));
        if (good) continue;
        const sec = secrets[0];
        const keys = summaries[0]?.keys ?? [];
        const path = [...s.path, 'tls', 'credentialName'];
        ctx.report(
          gw,
          path,
          `Secret ${sec.namespace}/${cn} holds no server certificate: it needs non-empty tls.crt and tls.key (or cert and key)`,
          {
            related: [
              {
                resource: sec,
                path: [],
                message: `Secret ${sec.namespace}/${cn} (type ${sec.secretType ?? 'Opaque'}) has ${keys.length ? `keys ${keys.slice(0, 5).join(', ')}` : 'no non-empty keys'}`,
              },
            ],
          },
        );
      }
    }
  },
};
