/** Shared reading of a ServiceEntry (not a rule itself). */
import type { PathSegment } from '../../yaml/nodes';
import { isObj, list, obj, type Obj } from '../shared/values';

export const KIND = 'ServiceEntry';

export const specOf = (value: Obj): Obj => obj(value.spec) ?? {};

/** The resolution; Istio's default is NONE. */
export function resolutionOf(value: Obj): string {
  const r = specOf(value).resolution;
  return typeof r === 'string' ? r : 'NONE';
}

export interface At {
  path: PathSegment[];
  value: Obj;
  index: number;
}

function items(value: Obj, field: string): At[] {
  const out: At[] = [];
  list(specOf(value)[field]).forEach((v, index) => {
    if (isObj(v)) out.push({ path: ['spec', field, index], value: v, index });
  });
  return out;
}

export const portsOf = (value: Obj): At[] => items(value, 'ports');
export const endpointsOf = (value: Obj): At[] => items(value, 'endpoints');

/** The string hosts with their indexes. */
export function hostsOf(value: Obj): { host: string; index: number }[] {
  const out: { host: string; index: number }[] = [];
  list(specOf(value).hosts).forEach((h, index) => {
    if (typeof h === 'string') out.push({ host: h, index });
  });
  return out;
}

/** Names of the ServiceEntry's ports. */
export function portNames(value: Obj): Set<string> {
  return new Set(portsOf(value).flatMap((p) => (typeof p.value.name === 'string' ? [p.value.name] : [])));
}

/** Endpoints are validated (address, ports, labels) for these resolutions. */
export const checksEndpoints = (resolution: string): boolean =>
  resolution === 'STATIC' || resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN';

/** Where to anchor a per-port problem about its protocol: the protocol value, or the port's first key. */
export function protocolAnchor(p: At): { path: PathSegment[]; on: 'key' | 'value' } {
  return p.value.protocol === undefined
    ? { path: [...p.path, Object.keys(p.value)[0] ?? 'name'], on: 'key' }
    : { path: [...p.path, 'protocol'], on: 'value' };
}
