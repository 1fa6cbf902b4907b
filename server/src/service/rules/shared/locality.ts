/** Locality load balancing settings, checked like Istio's ValidateLocalityLbSetting. */
import type { PathSegment } from '../../yaml/nodes';
import { blocksOf } from './trafficPolicies';
import { obj, type Obj } from './values';

export interface LocalityAt {
  value: Obj;
  path: PathSegment[];
  /** The outlierDetection of the same traffic policy (or port-level entry). */
  outlier: unknown;
}

/** Every loadBalancer.localityLbSetting of a DestinationRule. */
export function localitySettingsOf(spec: Obj | undefined): LocalityAt[] {
  const out: LocalityAt[] = [];
  for (const b of blocksOf(spec, 'loadBalancer')) {
    const l = obj(b.value.localityLbSetting);
    if (l)
      out.push({
        value: l,
        path: [...b.path, 'localityLbSetting'],
        outlier: b.policy.value.outlierDetection,
      });
  }
  return out;
}

/**
 * validateLocalities: each locality is region[/zone[/subzone]], at most one '*' and only at the end,
 * no empty part, and no overlap with an earlier one. Returns the index of the first bad one.
 */
export function localitiesProblem(localities: string[]): { index: number; message: string } | undefined {
  const map = new Map<string, Map<string, Map<string, boolean>>>();
  for (let index = 0; index < localities.length; index++) {
    const loc = localities[index];
    const stars = loc.split('*').length - 1;
    if (stars > 0 && (stars > 1 || !loc.endsWith('*'))) {
      return { index, message: `locality "${loc}": a '*' wildcard may appear only once, at the end` };
    }
    const overlap = { index, message: `locality "${loc}" overlaps with one listed before` };
    if (map.has('*')) return overlap;
    const items = splitN(loc, '/', 3);
    if (items.some((p) => p === ''))
      return { index, message: `locality "${loc}" must not have an empty region, zone or subzone` };
    const [region, zone, subzone] = items;
    const r = map.get(region);
    if (items.length === 1) {
      if (r) return overlap;
      map.set(region, new Map([['*', new Map([['*', true]])]]));
    } else if (items.length === 2) {
      if (r) {
        if (r.has('*') || r.has(zone)) return overlap;
        r.set(zone, new Map([['*', true]]));
      } else {
        map.set(region, new Map([[zone, new Map([['*', true]])]]));
      }
    } else if (r) {
      if (r.has('*')) return overlap;
      const z = r.get(zone);
      if (z) {
        if (z.get('*') || z.get(subzone)) return overlap;
        z.set(subzone, true);
      } else {
        r.set(zone, new Map([[subzone, true]]));
      }
    } else {
      map.set(region, new Map([[zone, new Map([[subzone, true]])]]));
    }
  }
  return undefined;
}

/** Go's strings.SplitN. */
function splitN(s: string, sep: string, n: number): string[] {
  const parts = s.split(sep);
  if (parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}
