import type { PathSegment } from '../../yaml/nodes';
import type { RuleContext } from '../rule';
import { checkDuration, parseGoDuration, roundToMillis } from './durations';
import { fieldPath, obj } from './values';

/** The value at a relative path below `root`, or undefined. */
function valueAt(root: unknown, rel: readonly PathSegment[]): unknown {
  let v = root;
  for (const seg of rel) v = obj(v)?.[seg];
  return v;
}

/**
 * Reports each duration among `fields` (paths relative to `base`) that is finer than a millisecond,
 * with a fix that rounds it. `skip` leaves out values a rule must not judge.
 */
export function reportSubMillisecond(
  ctx: RuleContext,
  base: { path: PathSegment[]; value: unknown },
  fields: readonly PathSegment[][],
  skip: (rel: readonly PathSegment[], ns: bigint) => boolean = () => false,
): void {
  for (const rel of fields) {
    const v = valueAt(base.value, rel);
    if (typeof v !== 'string') continue;
    const ns = parseGoDuration(v);
    if (ns === undefined || checkDuration(ns) !== 'precision' || skip(rel, ns)) continue;
    const path = [...base.path, ...rel];
    const fixed = roundToMillis(ns);
    ctx.report(
      path,
      `${fieldPath(path)}: "${v}" is finer than a millisecond; Istio only supports durations to ms precision.`,
      {
        on: 'value',
        fixes: [ctx.fix.replaceValue(path, fixed, `Round to ${fixed}`)],
      },
    );
  }
}
