import { hostMatches, parseServerHost } from '../../workspace/resolve';
import { strings } from '../../workspace/resolver';
import type { Resource } from '../../workspace/summary';
import { entries, num, obj, str } from '../shared/values';
import { itemsOf } from '../shared/virtualServiceParts';
import { describe } from './refs';
import type { WorkspaceRule } from './rule';

function selector(gw: Resource): string {
  return entries(gw.spec?.selector)
    .map(([k, v]) => `${k}=${String(v)}`)
    .sort()
    .join(',');
}

/**
 * IST0145: Gateways with the same selector listen on the same port number with overlapping hosts
 * (and the same bind). Without pods, only identical selectors are compared.
 */
export const conflictingGateways: WorkspaceRule = {
  id: 'gateway-conflicting',
  code: 'IST0145',
  severity: 'error',
  reads: ['Gateway'],
  title: 'Gateways on one workload serve the same port and host',
  explanation:
    'When two Gateways select the same gateway workload and declare servers on one port with overlapping hosts, the proxy keeps only one of them. Merge the servers into one Gateway, or use distinct hosts or ports.',
  check(ctx) {
    const groups = new Map<
      string,
      { gw: Resource; path: (string | number)[]; port: number; bind: string; hosts: string[] }[]
    >();
    for (const gw of ctx.subjects('Gateway')) {
      if (gw.group !== 'networking.istio.io') continue;
      const sel = selector(gw);
      for (const s of itemsOf(gw.spec, 'servers', ['spec'])) {
        const port = num(obj(s.value.port)?.number);
        if (port === undefined) continue;
        const hosts = (strings(s.value.hosts) ?? []).map((h) => parseServerHost(h, gw.namespace).host);
        const key = `${sel}|${port}`;
        groups.set(key, [
          ...(groups.get(key) ?? []),
          { gw, path: [...s.path, 'port'], port, bind: str(s.value.bind) ?? '', hosts },
        ]);
      }
    }
    for (const servers of groups.values()) {
      if (servers.length < 2 || servers.length > 50) continue;
      for (const s of servers) {
        const others = servers.filter(
          (o) =>
            o.gw !== s.gw && o.bind === s.bind && o.hosts.some((h) => s.hosts.some((x) => hostMatches(h, x))),
        );
        if (!others.length) continue;
        ctx.report(
          s.gw,
          s.path,
          `port ${s.port} with these hosts is also served by ${others.map((o) => describe(o.gw)).join(', ')} on the same workload`,
          {
            related: others.map((o) => ({
              resource: o.gw,
              path: o.path,
              message: `${describe(o.gw)} serves port ${o.port}`,
            })),
          },
        );
      }
    }
  },
};
