/** Walks the metrics tag overrides of a Telemetry (not a rule itself). */
import type { PathSegment } from '../../yaml/nodes';
import { entries, list, obj, type Obj } from '../shared/values';

export function tagOverrides(value: Obj): { path: PathSegment[]; name: string; value: unknown }[] {
  const out: { path: PathSegment[]; name: string; value: unknown }[] = [];
  list(obj(value.spec)?.metrics).forEach((m, i) => {
    list(obj(m)?.overrides).forEach((o, j) => {
      for (const [name, v] of entries(obj(o)?.tagOverrides)) {
        out.push({ path: ['spec', 'metrics', i, 'overrides', j, 'tagOverrides', name], name, value: v });
      }
    });
  });
  return out;
}
