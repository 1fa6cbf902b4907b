/**
 * The attributes an AuthorizationPolicy `when` condition may use (not a rule itself), mirroring
 * Istio's security.ValidateAttribute.
 */

export type ValueType = 'ip' | 'port' | 'serviceAccount' | 'trustDomain' | 'any';

interface Attribute {
  /** Exact key, or prefix for map-style keys such as request.headers[name]. */
  name: string;
  prefix?: boolean;
  values: ValueType;
}

const ATTRIBUTES: Attribute[] = [
  { name: 'request.headers', prefix: true, values: 'any' },
  { name: 'request.experimental.inline.headers', prefix: true, values: 'any' },
  { name: 'source.ip', values: 'ip' },
  { name: 'remote.ip', values: 'ip' },
  { name: 'source.namespace', values: 'any' },
  { name: 'source.serviceAccount', values: 'serviceAccount' },
  { name: 'source.trustDomain', values: 'trustDomain' },
  { name: 'source.principal', values: 'any' },
  { name: 'request.auth.principal', values: 'any' },
  { name: 'request.auth.audiences', values: 'any' },
  { name: 'request.auth.presenter', values: 'any' },
  { name: 'request.auth.claims', prefix: true, values: 'any' },
  { name: 'destination.ip', values: 'ip' },
  { name: 'destination.port', values: 'port' },
  { name: 'connection.sni', values: 'any' },
  { name: 'experimental.envoy.filters.', prefix: true, values: 'any' },
];

/** Keys for did-you-mean suggestions. */
export const KNOWN_KEYS = ATTRIBUTES.filter((a) => !a.prefix).map((a) => a.name);

/** Map-style keys need the form a[b]: a '[' after at least one character, a non-empty name, a final ']'. */
function isMapKey(key: string): boolean {
  const open = key.indexOf('[');
  return key.endsWith(']') && open > 0 && open < key.length - 2;
}

export interface KeyCheck {
  /** What the values of this key must be, when the key is valid. */
  values?: ValueType;
  /** Why the key is rejected. */
  problem?: string;
}

/** Checks a condition key. */
export function checkKey(key: string): KeyCheck {
  for (const a of ATTRIBUTES) {
    if (a.prefix ? key.startsWith(a.name) : key === a.name) {
      if (a.prefix && !isMapKey(key)) {
        return { problem: `'${key}' must have the form name[value], for example request.headers[x-token]` };
      }
      return { values: a.values };
    }
  }
  if (key === 'destination.namespace') {
    return {
      problem: `'${key}' is no longer supported: the policy applies in its own namespace (metadata.namespace)`,
    };
  }
  if (key.startsWith('destination.labels')) {
    return { problem: `'${key}' is no longer supported: select workloads with spec.selector instead` };
  }
  if (key === 'destination.name' || key === 'destination.user') {
    return { problem: `'${key}' was only supported in the old v1alpha1 API` };
  }
  return { problem: `'${key}' is not a known attribute` };
}
