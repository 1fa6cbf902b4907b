import { list, obj } from '../shared/values';
import { describe, destinations } from './refs';
import type { WorkspaceRule } from './rule';

/** IST0112: a destination without a port, to a Service or ServiceEntry with several ports. */
export const destinationPortRequired: WorkspaceRule = {
  id: 'vs-destination-port-required',
  code: 'IST0112',
  severity: 'error',
  reads: ['VirtualService', 'Service', 'ServiceEntry'],
  title: 'A destination needs a port: its service has several',
  explanation:
    'When the destination service exposes more than one port, Istio cannot tell which one a route means. Set `destination.port.number`.',
  check(ctx) {
    const r = ctx.resolver;
    for (const vs of ctx.each('VirtualService')) {
      for (const d of destinations(vs)) {
        if (obj(d.port) || d.host.startsWith('*')) continue;
        const lookup = r.services(r.fqdn(d.host, vs.namespace), vs.namespace);
        if (lookup.status !== 'found' || lookup.targets.length !== 1) continue;
        const t = lookup.targets[0];
        const ports = t.service
          ? t.service.ports.map((p) => p.port)
          : list(t.spec?.ports).map((p) => obj(p)?.number);
        if (ports.length < 2) continue;
        ctx.report(
          vs,
          [...d.path, 'host'],
          `${describe(t)} has ${ports.length} ports (${ports.join(', ')}); set destination.port.number`,
          {
            related: [
              { resource: t, path: ['spec', 'ports'], message: `the ports of ${describe(t)}`, on: 'key' },
            ],
          },
        );
      }
    }
  },
};
