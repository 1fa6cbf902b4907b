/** The MeshConfig fields that resolution depends on. */
import { load, CORE_SCHEMA } from 'js-yaml';
import { isObj, list, str } from '../rules/shared/values';

export interface MeshSettings {
  rootNamespace: string;
  trustDomain: string;
  clusterDomain: string;
  defaultServiceExportTo: string[];
  defaultVirtualServiceExportTo: string[];
  defaultDestinationRuleExportTo: string[];
}

export const DEFAULT_MESH: MeshSettings = {
  rootNamespace: 'istio-system',
  trustDomain: 'cluster.local',
  clusterDomain: 'cluster.local',
  defaultServiceExportTo: ['*'],
  defaultVirtualServiceExportTo: ['*'],
  defaultDestinationRuleExportTo: ['*'],
};

/** Reads a MeshConfig YAML text (the `mesh` key of the istio ConfigMap, or a mesh config file). */
export function parseMesh(text: string, base: MeshSettings = DEFAULT_MESH): MeshSettings {
  let v: unknown;
  try {
    v = load(text, { schema: CORE_SCHEMA });
  } catch {
    return base;
  }
  if (!isObj(v)) return base;
  const strings = (x: unknown, d: string[]): string[] => {
    const l = list(x).filter((e): e is string => typeof e === 'string');
    return l.length ? l : d;
  };
  return {
    ...base,
    rootNamespace: str(v.rootNamespace) || base.rootNamespace,
    trustDomain: str(v.trustDomain) || base.trustDomain,
    defaultServiceExportTo: strings(v.defaultServiceExportTo, base.defaultServiceExportTo),
    defaultVirtualServiceExportTo: strings(
      v.defaultVirtualServiceExportTo,
      base.defaultVirtualServiceExportTo,
    ),
    defaultDestinationRuleExportTo: strings(
      v.defaultDestinationRuleExportTo,
      base.defaultDestinationRuleExportTo,
    ),
  };
}
