import type { WorkspaceRule } from './rule';

/** Protocols Istio derives from a Service port name `<protocol>[-<suffix>]`. */
const PROTOCOLS = [
  'grpc',
  'grpc-web',
  'http',
  'http2',
  'https',
  'mongo',
  'mysql',
  'redis',
  'tcp',
  'tls',
  'udp',
];

/** Istio's protocol sniffing from a port name (case-insensitive prefix before the first '-'). */
export function protocolFromPortName(name: string): string | undefined {
  const n = name.toLowerCase();
  if (n.startsWith('grpc-web')) return 'grpc-web';
  const prefix = n.split('-')[0];
  return PROTOCOLS.includes(prefix) ? prefix : undefined;
}

/** IST0118: a Service port whose protocol cannot be derived from its name or appProtocol. */
export const servicePortName: WorkspaceRule = {
  id: 'service-port-name',
  code: 'IST0118',
  severity: 'information',
  reads: ['Service'],
  title: 'A Service port name does not tell Istio its protocol',
  explanation:
    'Istio reads a port protocol from `appProtocol` or from the port name prefix (`http`, `http-web`, `grpc`, `tcp`, …). Otherwise it detects the protocol at run time, which does not work for server-first protocols. Name the port `<protocol>[-<suffix>]` or set `appProtocol`.',
  check(ctx) {
    const root = ctx.resolver.mesh.rootNamespace;
    for (const svc of ctx.each('Service')) {
      if (
        svc.namespace === root ||
        svc.labels['gateway.istio.io/managed'] ||
        svc.service?.type === 'ExternalName'
      )
        continue;
      for (const p of svc.service?.ports ?? []) {
        if (p.appProtocol || (p.name && protocolFromPortName(p.name))) continue;
        if (p.protocol === 'UDP' || p.protocol === 'SCTP') continue;
        ctx.report(
          svc,
          ['spec', 'ports', p.index, p.name ? 'name' : 'port'],
          `port ${p.port ?? '?'}${p.name ? ` "${p.name}"` : ''} does not follow the <protocol>[-<suffix>] naming convention and sets no appProtocol`,
        );
      }
    }
  },
};
