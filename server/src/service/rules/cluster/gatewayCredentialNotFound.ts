import { itemsOf } from '../shared/virtualServiceParts';
import { obj, str } from '../shared/values';
import { WORKLOAD_KINDS } from '../../workspace/summary';
import type { WorkspaceRule } from '../workspace/rule';
import { clusterBasis } from '../workspace/basis';
import { gatewayWorkloads } from './gatewayPods';

/** A `credentialName` that names a Secret (not a `sds://` or other URL-like reference). */
export function secretName(server: Record<string, unknown>): string | undefined {
  const cn = str(obj(server.tls)?.credentialName);
  return cn && !cn.includes('/') && !cn.includes(':') ? cn : undefined;
}

/**
 * IST0101 (credentialName): a Gateway server's `credentialName` names no Secret in the namespace of
 * the gateway workloads the Gateway selects (the Secret is read there, not in the Gateway's own
 * namespace).
 */
export const gatewayCredentialNotFound: WorkspaceRule = {
  id: 'gateway-credential-not-found',
  code: 'IST0101',
  severity: 'error',
  reads: ['Gateway', 'Secret', ...WORKLOAD_KINDS],
  title: 'A Gateway credentialName names no Secret where the gateway runs',
  explanation:
    'A gateway reads the TLS Secret named by `credentialName` from its own namespace, the namespace of the gateway pods, not from the namespace of the Gateway resource. When no Secret of that name exists there, the server cannot serve TLS. Create the Secret in the gateway namespace, or fix the name.',
  check(ctx) {
    const r = ctx.resolver;
    for (const gw of ctx.subjects('Gateway')) {
      const servers = itemsOf(gw.spec, 'servers', ['spec']).filter((s) => secretName(s.value));
      if (!servers.length) continue;
      const workloads = gatewayWorkloads(ctx, gw);
      if (!workloads) continue;
      const namespaces = [...new Set(workloads.map((w) => w.namespace))];
      for (const s of servers) {
        const cn = secretName(s.value) ?? '';
        const path = [...s.path, 'tls', 'credentialName'];
        const found = r.resources('Secret').some((x) => x.name === cn && namespaces.includes(x.namespace));
        if (found) continue;
        const where = namespaces.join(', ');
        if (r.complete('Secret'))
          ctx.report(
            gw,
            path,
            `credentialName "${cn}": no Secret of that name in namespace ${where}, where the gateway runs`,
            {
              related: clusterBasis(ctx, gw, path, ['Secret'], `no Secret ${cn} in namespace ${where}`),
            },
          );
        // Secrets are rarely kept in the repository: without a cluster, say nothing.
        else if (r.connected) ctx.unresolved(gw, path, `Secret "${cn}" in namespace ${where}`);
      }
    }
  },
};
