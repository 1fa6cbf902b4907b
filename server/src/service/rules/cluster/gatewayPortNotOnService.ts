import { itemsOf } from '../shared/virtualServiceParts';
import { num, obj } from '../shared/values';
import { WORKLOAD_KINDS } from '../../workspace/summary';
import { describe } from '../workspace/refs';
import type { WorkspaceRule } from '../workspace/rule';
import { gatewaySelector, gatewayWorkloads } from './gatewayPods';
import { describeLabels } from '../workspace/refs';

/**
 * IST0162: a Gateway server port is neither a port nor a target port of any TCP Service that selects
 * the gateway's workloads, so traffic cannot reach it. Checked only when every Service is known.
 */
export const gatewayPortNotOnService: WorkspaceRule = {
  id: 'gateway-port-not-on-service',
  code: 'IST0162',
  severity: 'warning',
  reads: ['Gateway', 'Service', ...WORKLOAD_KINDS],
  title: 'A Gateway server port is not exposed by the gateway Service',
  explanation:
    'A Gateway server listens on a port of the gateway pods, but clients reach those pods through a Service. When no Service selecting the gateway pods exposes that port (as `port` or `targetPort`), nothing arrives on it. Add the port to the gateway Service, or use a port it already exposes.',
  check(ctx) {
    const r = ctx.resolver;
    if (!r.complete('Service')) return;
    for (const gw of ctx.subjects('Gateway')) {
      const workloads = gatewayWorkloads(ctx, gw);
      if (!workloads) continue;
      const ports = new Set<number>();
      const services = new Set<string>();
      for (const w of workloads)
        for (const svc of r.servicesSelecting(w)) {
          services.add(describe(svc));
          for (const p of svc.service?.ports ?? []) {
            if (p.protocol !== undefined && p.protocol !== 'TCP') continue;
            if (typeof p.targetPort === 'number' && p.targetPort !== 0) ports.add(p.targetPort);
            if (p.port !== undefined) ports.add(p.port);
          }
        }
      const label = r.sourceLabel(['Service']);
      for (const s of itemsOf(gw.spec, 'servers', ['spec'])) {
        const n = num(obj(s.value.port)?.number);
        if (n === undefined || ports.has(n)) continue;
        const path = [...s.path, 'port', 'number'];
        const sel = describeLabels(gatewaySelector(gw) ?? {});
        ctx.report(
          gw,
          path,
          `port ${n} is not a port or target port of any Service that selects the gateway workloads (${sel})`,
          {
            related: [
              {
                resource: gw,
                path,
                message: services.size
                  ? `${[...services].slice(0, 3).join(', ')} expose ${[...ports].sort((a, b) => a - b).join(', ') || 'no TCP port'}${label ? ` (${label})` : ''}`
                  : `no Service selects the gateway workloads${label ? ` (${label})` : ''}`,
              },
            ],
          },
        );
      }
    }
  },
};
