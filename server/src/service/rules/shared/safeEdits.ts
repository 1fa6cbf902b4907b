/**
 * Quick-fix edits for rules, in the form the rule files call them. The edits themselves live in
 * fixes/edits.ts (FixBuilder), which every fix of the engine shares.
 */
import type { Fix } from '../../types';
import type { PathSegment } from '../../yaml/nodes';
import type { RuleContext } from '../rule';

/** Removes a field; see FixBuilder.removeField for what happens to a map left empty. */
export function removeFieldFix(
  ctx: RuleContext,
  path: PathSegment[],
  title: string,
  preferred = false,
): Fix | undefined {
  return ctx.fix.removeField(path, title, preferred);
}

/** Inserts `key: value` after the last entry of the block map at `mapPath`. */
export function insertFieldFix(
  ctx: RuleContext,
  mapPath: PathSegment[],
  key: string,
  value: string,
  title: string,
  preferred = true,
): Fix | undefined {
  return ctx.fix.insertField(mapPath, key, value, title, preferred);
}
