/** Walks the traffic policies of a DestinationRule: top level, per subset, and per port. */
import type { PathSegment } from '../../yaml/nodes';
import type { RuleContext } from '../rule';
import { isObj, list, obj, type Obj } from './values';

export interface PolicyAt {
  value: Obj;
  /** Path of the policy map. */
  path: PathSegment[];
  /** A top-level or subset `trafficPolicy`, or a `portLevelSettings` entry. */
  level: 'policy' | 'port';
}

export const drSpecOf = (ctx: RuleContext): Obj | undefined => obj(ctx.value.spec);

/** The trafficPolicy maps (top level and subsets), without their port-level entries. */
export function policiesOf(spec: Obj | undefined): PolicyAt[] {
  const out: PolicyAt[] = [];
  const top = obj(spec?.trafficPolicy);
  if (top) out.push({ value: top, path: ['spec', 'trafficPolicy'], level: 'policy' });
  list(spec?.subsets).forEach((s, i) => {
    const tp = isObj(s) ? obj(s.trafficPolicy) : undefined;
    if (tp) out.push({ value: tp, path: ['spec', 'subsets', i, 'trafficPolicy'], level: 'policy' });
  });
  return out;
}

/** The portLevelSettings entries of every traffic policy. */
export function portPoliciesOf(spec: Obj | undefined): PolicyAt[] {
  const out: PolicyAt[] = [];
  for (const p of policiesOf(spec)) {
    list(p.value.portLevelSettings).forEach((e, i) => {
      if (isObj(e)) out.push({ value: e, path: [...p.path, 'portLevelSettings', i], level: 'port' });
    });
  }
  return out;
}

/** Every place that holds outlierDetection, connectionPool, loadBalancer and tls settings. */
export const allPoliciesOf = (spec: Obj | undefined): PolicyAt[] => [
  ...policiesOf(spec),
  ...portPoliciesOf(spec),
];

/** A settings block of each policy, e.g. `connectionPool` or `loadBalancer`. */
export function blocksOf(
  spec: Obj | undefined,
  field: string,
): { value: Obj; path: PathSegment[]; policy: PolicyAt }[] {
  const out: { value: Obj; path: PathSegment[]; policy: PolicyAt }[] = [];
  for (const p of allPoliciesOf(spec)) {
    const v = obj(p.value[field]);
    if (v) out.push({ value: v, path: [...p.path, field], policy: p });
  }
  return out;
}
