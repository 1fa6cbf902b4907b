import type { ServicePortSummary, ServiceSummary } from '../types';
import type { MeshView } from './meshView';

/** A mesh-wide finding: about an object that lives in several clusters, not about one document. */
export interface MeshFinding {
  code: string;
  severity: 'error' | 'warning' | 'information';
  namespace: string;
  name: string;
  /** The contexts the finding involves, sorted. */
  clusters: string[];
  message: string;
}

export const IST0170 = {
  code: 'IST0170',
  title: 'Service differs across clusters',
  severity: 'warning' as const,
  explanation: `In a multi-cluster mesh, a Service with the same name and namespace in several clusters
is one service to Istio: its endpoints from every cluster are merged. When the copies disagree on
their type, on being headless, or on their ports (names, numbers, protocols, target ports), what a
client gets depends on which cluster's copy istiod read first. Make the copies the same.
Read from every context of \`istio.cluster.contexts\`.`,
};

const portKey = (p: ServicePortSummary): string =>
  JSON.stringify([p.name ?? '', p.port, p.protocol, p.targetPort ?? null, p.appProtocol ?? null]);

/** The ports as a comparable text: sorted by name, as istioctl compares them. */
const portsOf = (s: ServiceSummary): string =>
  [...s.ports]
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''))
    .map(portKey)
    .join(';');

const describePorts = (s: ServiceSummary): string =>
  s.ports
    .map(
      (p) =>
        `${p.name ? `${p.name}:` : ''}${p.port}/${p.protocol}${p.targetPort !== undefined ? `→${p.targetPort}` : ''}${p.appProtocol ? ` (${p.appProtocol})` : ''}`,
    )
    .join(', ') || 'none';

/**
 * IST0170: a Service (same namespace and name) that differs across the clusters of the mesh in its
 * type, headless or not, or its ports. One finding per Service, naming the clusters involved and
 * what differs. Work is linear in the number of Services of all clusters.
 */
export function inconsistentServices(mesh: MeshView, limit = 1000): MeshFinding[] {
  const byName = new Map<string, [string, ServiceSummary][]>();
  for (const [context, view] of mesh.clusters()) {
    if (view.state('Service') !== 'synced') continue;
    for (const s of view.list('Service')) {
      const key = `${s.namespace}/${s.name}`;
      let list = byName.get(key);
      if (!list) byName.set(key, (list = []));
      list.push([context, s]);
    }
  }
  const out: MeshFinding[] = [];
  for (const copies of byName.values()) {
    if (copies.length < 2) continue;
    const [firstContext, first] = copies[0];
    const reasons: string[] = [];
    const involved = new Set<string>();
    const headless = copies.filter(([, s]) => !!s.headless);
    if (headless.length && headless.length < copies.length) {
      reasons.push(
        `headless in ${headless.map(([c]) => c).join(', ')} but not in ${copies
          .filter(([, s]) => !s.headless)
          .map(([c]) => c)
          .join(', ')}`,
      );
      for (const [c] of copies) involved.add(c);
    }
    const typeDiffers = copies.filter(([, s]) => s.type !== first.type);
    if (typeDiffers.length) {
      reasons.push(
        `type ${first.type} in ${firstContext}, ${typeDiffers.map(([c, s]) => `${s.type} in ${c}`).join(', ')}`,
      );
      for (const [c] of typeDiffers) involved.add(c);
    }
    const portsDiffer = copies.filter(([, s]) => portsOf(s) !== portsOf(first));
    if (portsDiffer.length) {
      reasons.push(
        `ports ${describePorts(first)} in ${firstContext}, ${portsDiffer
          .map(([c, s]) => `${describePorts(s)} in ${c}`)
          .join('; ')}`,
      );
      for (const [c] of portsDiffer) involved.add(c);
    }
    if (!reasons.length) continue;
    involved.add(firstContext);
    const clusters = [...involved].sort();
    out.push({
      code: IST0170.code,
      severity: IST0170.severity,
      namespace: first.namespace,
      name: first.name,
      clusters,
      message: `Service ${first.name} in namespace ${first.namespace} is not the same in clusters ${clusters.join(', ')}: ${reasons.join('; ')}. Istio merges these copies into one service, so clients may see either.`,
    });
    if (out.length >= limit) break;
  }
  return out;
}
