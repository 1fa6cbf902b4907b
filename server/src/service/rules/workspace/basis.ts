import type { PathSegment } from '../../yaml/nodes';
import type { Resource } from '../../workspace/summary';
import type { RelatedPlace, WorkspaceRuleContext } from './rule';

/**
 * The related note that says what in the cluster a finding rests on: "0 pods in namespace bookinfo
 * match version=v9 (cluster prod-eu)". Empty when no cluster holds every resource of the kinds (then
 * the finding rests on the workspace alone, or is not made).
 */
export function clusterBasis(
  ctx: WorkspaceRuleContext,
  subject: Resource,
  path: PathSegment[],
  kinds: readonly string[],
  text: string,
): RelatedPlace[] {
  const label = ctx.resolver.sourceLabel(kinds);
  return label ? [{ resource: subject, path, message: `${text} (${label})` }] : [];
}
