import { serviceOfHost } from '../../workspace/resolve';
import type { Resource } from '../../workspace/summary';
import { obj, str } from '../shared/values';
import { describe } from './refs';
import type { WorkspaceRule } from './rule';

/** The namespace-wide (or mesh-wide) PeerAuthentication mode that applies in a namespace. */
function serverMode(
  pas: readonly Resource[],
  ns: string,
  root: string,
): { mode: string; pa: Resource } | undefined {
  const wide = (n: string): Resource | undefined =>
    pas.find((p) => p.namespace === n && !obj(p.spec?.selector));
  const pa = wide(ns) ?? wide(root);
  const mode = str(obj(pa?.spec?.mtls)?.mode);
  return pa && mode && mode !== 'UNSET' ? { mode, pa } : undefined;
}

/**
 * Kiali's mTLS cross check, both directions: a DestinationRule that sends plaintext to a namespace
 * whose PeerAuthentication is STRICT, or Istio mutual TLS to one that is DISABLE.
 */
export const mtlsConflict: WorkspaceRule = {
  id: 'mtls-conflict',
  code: 'dr-mtls-conflict',
  severity: 'error',
  reads: ['DestinationRule', 'PeerAuthentication'],
  title: 'A DestinationRule TLS mode contradicts the PeerAuthentication of its service',
  explanation:
    'A client that sends plaintext (`tls.mode: DISABLE`) to a server that accepts mutual TLS only (PeerAuthentication `STRICT`), or Istio mutual TLS (`ISTIO_MUTUAL`) to a server with mTLS `DISABLE`, fails every request. Make the two agree.',
  check(ctx) {
    const r = ctx.resolver;
    const pas = ctx.subjects('PeerAuthentication');
    if (!pas.length) return;
    for (const dr of ctx.subjects('DestinationRule')) {
      const mode = str(obj(obj(dr.spec?.trafficPolicy)?.tls)?.mode);
      if (mode !== 'DISABLE' && mode !== 'ISTIO_MUTUAL') continue;
      const host = r.drHost(dr);
      const target = host ? serviceOfHost(host, r.domain) : undefined;
      if (!target) continue;
      const server = serverMode(pas, target.namespace, r.mesh.rootNamespace);
      if (!server) continue;
      const bad =
        (mode === 'DISABLE' && server.mode === 'STRICT') ||
        (mode === 'ISTIO_MUTUAL' && server.mode === 'DISABLE');
      if (!bad) continue;
      const message = `tls.mode ${mode} to "${host}", but ${describe(server.pa)} sets mTLS ${server.mode} for namespace ${target.namespace}: every request fails`;
      ctx.report(dr, ['spec', 'trafficPolicy', 'tls', 'mode'], message, {
        related: [
          {
            resource: server.pa,
            path: ['spec', 'mtls', 'mode'],
            message: `${describe(server.pa)} mTLS ${server.mode}`,
          },
        ],
      });
      ctx.report(
        server.pa,
        ['spec', 'mtls', 'mode'],
        `mTLS ${server.mode} here, but ${describe(dr)} sends ${mode} to "${host}": every request fails`,
        {
          related: [
            {
              resource: dr,
              path: ['spec', 'trafficPolicy', 'tls', 'mode'],
              message: `${describe(dr)} tls.mode ${mode}`,
            },
          ],
        },
      );
    }
  },
};
