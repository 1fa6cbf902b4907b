/** Helpers the workspace rules share: the references a VirtualService makes, and labels of selectors. */
import type { PathSegment } from '../../yaml/nodes';
import { destinationsOf } from '../shared/virtualServiceParts';
import { gatewayLists } from '../shared/gatewayNames';
import { entries, list, obj, str, type Obj } from '../shared/values';
import type { Resource } from '../../workspace/summary';

export interface DestinationRef {
  host: string;
  subset?: string;
  port?: unknown;
  path: PathSegment[];
  mirror: boolean;
}

/** Every destination of a VirtualService that names a host. */
export function destinations(vs: Resource): DestinationRef[] {
  return destinationsOf(vs.spec).flatMap((d) => {
    const host = str(d.value.host);
    if (!host) return [];
    const last = d.path[d.path.length - 1];
    const mirror = last === 'mirror' || d.path.includes('mirrors');
    return [{ host, subset: str(d.value.subset), port: d.value.port, path: d.path, mirror }];
  });
}

/** Every gateways entry of a VirtualService, with its path. */
export function gatewayRefs(vs: Resource): { ref: string; path: PathSegment[] }[] {
  return gatewayLists(vs.spec).flatMap((g) =>
    list(g.names).flatMap((n, i) => (typeof n === 'string' ? [{ ref: n, path: [...g.path, i] }] : [])),
  );
}

/** The labels of a selector map (`matchLabels` or `labels`), or undefined when it has none. */
export function selectorLabels(
  spec: Obj | undefined,
  field: string,
  key: string,
): Record<string, string> | undefined {
  const labels = obj(obj(spec?.[field])?.[key]);
  if (!labels) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of entries(labels)) if (typeof v === 'string') out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

export function describeLabels(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

/** `Kind namespace/name`, as istioctl names resources. */
export function describe(r: Resource): string {
  return r.kind === 'Namespace' ? `Namespace ${r.name}` : `${r.kind} ${r.namespace}/${r.name}`;
}

/** The subset names a DestinationRule defines. */
export function subsetNames(dr: Resource): { name: string; index: number }[] {
  return list(dr.spec?.subsets).flatMap((s, index) => {
    const name = str(obj(s)?.name);
    return name ? [{ name, index }] : [];
  });
}
