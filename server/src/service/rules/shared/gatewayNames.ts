/** VirtualService gateway references, checked like Istio's validateGatewayNames. */
import type { PathSegment } from '../../yaml/nodes';
import { isDns1123Label, validateFqdn } from './hostnames';
import { matchesOf, routesOf } from './virtualServiceParts';

export interface GatewayNameProblem {
  index: number;
  /** An error Istio rejects the object for. */
  error?: string;
  /** The `name.namespace` legacy form: Istio warns and recommends `namespace/name`. */
  recommended?: string;
}

/**
 * Problems of a gateways list. Quirk kept from Istio 1.30: checking stops after the first entry that
 * has no '/', so later entries are never looked at.
 */
export function gatewayNameProblems(names: unknown): GatewayNameProblem[] {
  if (!Array.isArray(names)) return [];
  const out: GatewayNameProblem[] = [];
  for (let index = 0; index < names.length; index++) {
    const name: unknown = names[index];
    if (typeof name !== 'string') continue;
    const slash = name.indexOf('/');
    if (slash === -1) {
      const p: GatewayNameProblem = { index };
      if (name.includes('.')) {
        const parts = name.split('.');
        p.recommended = `${parts[1]}/${parts[0]}`;
      }
      const err = validateFqdn(name);
      if (err) p.error = `gateway "${name}" is not a valid name: ${err}`;
      if (p.error || p.recommended) out.push(p);
      return out;
    }
    const ns = name.slice(0, slash);
    const gw = name.slice(slash + 1);
    let error: string | undefined;
    if (ns === '' || gw === '')
      error = `gateway "${name}": the namespace and the gateway name cannot be empty; write <namespace>/<name>`;
    else if (!isDns1123Label(ns))
      error = `gateway "${name}": "${ns}" is not a valid namespace (a DNS label: letters, digits and '-')`;
    else if (!isDns1123Label(gw))
      error = `gateway "${name}": "${gw}" is not a valid gateway name (a DNS label: letters, digits and '-')`;
    if (error) out.push({ index, error });
  }
  return out;
}

/** Every gateways list of a VirtualService: spec.gateways and the match-level ones. */
export function gatewayLists(
  spec: Record<string, unknown> | undefined,
): { names: unknown; path: PathSegment[]; kind: 'spec' | 'http' | 'tls' | 'tcp' }[] {
  const out: { names: unknown; path: PathSegment[]; kind: 'spec' | 'http' | 'tls' | 'tcp' }[] = [];
  if (spec) out.push({ names: spec.gateways, path: ['spec', 'gateways'], kind: 'spec' });
  for (const kind of ['http', 'tls', 'tcp'] as const) {
    for (const r of routesOf(spec, kind)) {
      for (const m of matchesOf(r))
        out.push({ names: m.value.gateways, path: [...m.path, 'gateways'], kind });
    }
  }
  return out;
}
