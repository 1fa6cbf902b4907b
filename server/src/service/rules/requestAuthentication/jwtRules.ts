/** Walks the jwtRules of a RequestAuthentication (not a rule itself). */
import type { PathSegment } from '../../yaml/nodes';
import { isObj, list, obj, type Obj } from '../shared/values';

export const KIND = 'RequestAuthentication';

export function jwtRules(value: Obj): { path: PathSegment[]; value: Obj }[] {
  const out: { path: PathSegment[]; value: Obj }[] = [];
  list(obj(value.spec)?.jwtRules).forEach((r, i) => {
    if (isObj(r)) out.push({ path: ['spec', 'jwtRules', i], value: r });
  });
  return out;
}
