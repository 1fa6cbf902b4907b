import type { Resource } from '../../workspace/summary';
import { describe } from './refs';
import type { WorkspaceRule } from './rule';
import { protocolFromPortName } from './servicePortName';

/** The protocol Istio gives a Service port. */
function portProtocol(p: { name?: string; appProtocol?: string; protocol?: string }): string {
  return (
    p.appProtocol?.toLowerCase() ??
    (p.name ? protocolFromPortName(p.name) : undefined) ??
    (p.protocol === 'UDP' ? 'udp' : 'auto')
  );
}

/** IST0116: Services that select one Deployment use one port number with different protocols. */
export const deploymentMultipleServices: WorkspaceRule = {
  id: 'deployment-multiple-services',
  code: 'IST0116',
  severity: 'warning',
  reads: ['Deployment', 'Service'],
  title: 'Services of one Deployment give a port number different protocols',
  explanation:
    'The sidecar of a workload has one listener per port number. When two Services that select the same pods declare that port with different protocols, one of them is served wrongly. Use one protocol per port number.',
  check(ctx) {
    for (const d of ctx.each('Deployment')) {
      const services = ctx.resolver.servicesSelecting(d);
      if (services.length < 2) continue;
      const byPort = new Map<number, { svc: Resource; protocol: string }[]>();
      for (const svc of services)
        for (const p of svc.service?.ports ?? [])
          if (p.port !== undefined)
            byPort.set(p.port, [...(byPort.get(p.port) ?? []), { svc, protocol: portProtocol(p) }]);
      for (const [port, users] of byPort) {
        if (new Set(users.map((u) => u.protocol)).size < 2) continue;
        ctx.report(
          d,
          ['metadata', 'name'],
          `port ${port} is given different protocols by ${users.map((u) => `${describe(u.svc)} (${u.protocol})`).join(', ')}`,
          {
            related: users.map((u) => ({
              resource: u.svc,
              path: ['spec', 'ports'],
              message: `${describe(u.svc)} selects this Deployment`,
              on: 'key' as const,
            })),
          },
        );
      }
    }
  },
};

/** IST0137: Services that select one Deployment map one targetPort from different ports. */
export const deploymentConflictingPorts: WorkspaceRule = {
  id: 'deployment-conflicting-ports',
  code: 'IST0137',
  severity: 'warning',
  reads: ['Deployment', 'Service'],
  title: 'Services of one Deployment map one targetPort from different ports',
  explanation:
    'When two Services that select the same pods send different Service ports to one targetPort, the sidecar cannot serve both consistently. Use the same port number in both Services.',
  check(ctx) {
    for (const d of ctx.each('Deployment')) {
      const services = ctx.resolver.servicesSelecting(d);
      if (services.length < 2) continue;
      const byTarget = new Map<string, { svc: Resource; port: number }[]>();
      for (const svc of services)
        for (const p of svc.service?.ports ?? []) {
          if (p.port === undefined) continue;
          const target = String(p.targetPort ?? p.port);
          byTarget.set(target, [...(byTarget.get(target) ?? []), { svc, port: p.port }]);
        }
      for (const [target, users] of byTarget) {
        if (new Set(users.map((u) => u.port)).size < 2) continue;
        ctx.report(
          d,
          ['metadata', 'name'],
          `targetPort ${target} is reached from different ports: ${users.map((u) => `${describe(u.svc)} port ${u.port}`).join(', ')}`,
          {
            related: users.map((u) => ({
              resource: u.svc,
              path: ['spec', 'ports'],
              message: `${describe(u.svc)} selects this Deployment`,
              on: 'key' as const,
            })),
          },
        );
      }
    }
  },
};
