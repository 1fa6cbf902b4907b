import { parseGatewayRef } from '../../workspace/resolve';
import { strings } from '../../workspace/resolver';
import type { Resource } from '../../workspace/summary';
import { list, obj } from '../shared/values';
import { describe, gatewayRefs } from './refs';
import type { WorkspaceRule } from './rule';

/**
 * An HTTP route that takes every request: no match conditions, an empty condition, or only the URI
 * prefix "/". Routes after it in the gateway's combined list are never reached.
 */
function catchAll(vs: Resource): boolean {
  return list(vs.spec?.http).some((route) => {
    const matches = list(obj(route)?.match);
    if (!matches.length) return true;
    return matches.some((m) => {
      const keys = Object.keys(obj(m) ?? {}).filter((k) => k !== 'name');
      if (!keys.length) return true;
      const uri = obj(obj(m)?.uri);
      return (
        keys.length === 1 && keys[0] === 'uri' && Object.keys(uri ?? {}).length === 1 && uri?.prefix === '/'
      );
    });
  });
}

/** At most this many VirtualServices per gateway and host are compared (bounded work). */
const MAX_GROUP = 50;

interface Use {
  vs: Resource;
  /** Index of the host in spec.hosts. */
  index: number;
  gateway: string;
}

/**
 * Kiali's cross check, for gateways: several VirtualServices bound to one Gateway declare the same
 * host. (VirtualServices bound to the mesh are IST0109.) Gateway references are resolved as Istio
 * resolves them, so `gw`, `./gw`, `ns/gw` and `gw.ns` name the same Gateway.
 */
export const gatewayHostConflict: WorkspaceRule = {
  id: 'vs-gateway-host-conflict',
  code: 'vs-gateway-host-conflict',
  severity: 'warning',
  reads: ['VirtualService'],
  title: 'Several VirtualServices bound to one Gateway declare the same host',
  explanation:
    'The gateway combines the routes of every VirtualService bound to it for a host into one list, ordered by the creation time of the resources, and the first route that matches wins. When one of them has a route that matches every request (no match, or only the prefix "/"), the routes of the others are reached or not depending on which was applied first: a warning. Otherwise it is information: splitting the routes of a host by path is allowed. Keep the routes of a host on a gateway in one VirtualService, or use delegation. Only VirtualServices exported to every namespace are compared.',
  check(ctx) {
    const r = ctx.resolver;
    const def = r.mesh.defaultVirtualServiceExportTo;
    const groups = new Map<string, Use[]>();
    for (const vs of ctx.subjects('VirtualService')) {
      // A VirtualService that some namespaces cannot see may not be applied by the gateway's proxy.
      const exportTo = strings(vs.spec?.exportTo) ?? def;
      if (!exportTo.includes('*')) continue;
      const gateways = new Set<string>();
      for (const g of gatewayRefs(vs)) {
        const ref = parseGatewayRef(g.ref, vs.namespace);
        if (!ref.mesh) gateways.add(`${ref.namespace}/${ref.name}`);
      }
      const hosts = strings(vs.spec?.hosts) ?? [];
      for (const gateway of gateways)
        hosts.forEach((h, index) => {
          const key = `${gateway}|${r.fqdn(h, vs.namespace)}`;
          const l = groups.get(key);
          const use = { vs, index, gateway };
          if (l) l.push(use);
          else groups.set(key, [use]);
        });
    }
    // One finding per VirtualService host entry, naming every other VirtualService and gateway.
    const found = new Map<
      string,
      { use: Use; host: string; others: Use[]; gateways: Set<string>; shadowing: boolean }
    >();
    for (const [key, uses] of groups) {
      const distinct = new Set(uses.map((u) => u.vs));
      if (distinct.size < 2 || uses.length > MAX_GROUP) continue;
      const host = key.slice(key.indexOf('|') + 1);
      const shadowing = [...distinct].some(catchAll);
      for (const u of uses) {
        const id = `${u.vs.uri}#${u.vs.doc}#${u.index}`;
        let f = found.get(id);
        if (!f) found.set(id, (f = { use: u, host, others: [], gateways: new Set(), shadowing }));
        f.gateways.add(u.gateway);
        f.shadowing ||= shadowing;
        for (const o of uses) if (o.vs !== u.vs && !f.others.some((x) => x.vs === o.vs)) f.others.push(o);
      }
    }
    for (const { use, host, others, gateways, shadowing } of found.values()) {
      const gws = [...gateways].join(', ');
      const why = shadowing
        ? 'one of them has a route that matches every request, so which routes are reached depends on which was created first'
        : 'the gateway combines their routes, ordered by creation time';
      ctx.report(
        use.vs,
        ['spec', 'hosts', use.index],
        `host "${host}" on gateway ${gws} is also declared by ${others.map((o) => describe(o.vs)).join(', ')}; ${why}`,
        {
          severity: shadowing ? 'warning' : 'information',
          related: others.map((o) => ({
            resource: o.vs,
            path: ['spec', 'hosts', o.index],
            message: `${describe(o.vs)} declares "${host}" on gateway ${o.gateway}`,
          })),
        },
      );
    }
  },
};
