import type { InlayHint, Range } from 'vscode-languageserver-types';
import type { FileSnapshot } from '../documentStore';
import { formatShare, trafficRoutes } from './trafficRoutes';

export { formatShare, shares, ROUTE_LISTS } from './trafficRoutes';

const HINT_PARAMETER = 2;

/**
 * Inlay hints after each `weight:` (or destination) of VirtualService routes in `range`: the share
 * Istio gives it. The same computation as the "Shift traffic" CodeLens (trafficRoutes), so both agree.
 */
export function trafficSplitHints(file: FileSnapshot, range: Range): InlayHint[] {
  const hints: InlayHint[] = [];
  const lines = file.lines();
  for (const route of trafficRoutes(file, { start: range.start.line, end: range.end.line })) {
    // A lone destination without a weight: nothing to say.
    if (route.destinations.length === 1 && route.destinations[0].weight === undefined) continue;
    for (const d of route.destinations) {
      const position = lines.position(d.hintOffset);
      if (position.line < range.start.line || position.line > range.end.line) continue;
      hints.push({
        position,
        label: route.invalid ? ' → weights total 0' : ` → ${formatShare(d.share ?? 0)}`,
        kind: HINT_PARAMETER,
        tooltip: route.invalid
          ? 'The weights of this route add up to 0: Istio rejects a route with two or more destinations like this. Give the destinations weights.'
          : `This destination receives ${formatShare(d.share ?? 0)} of the route's traffic (its weight divided by the sum of the route's weights; a missing weight counts as 0).`,
        paddingLeft: true,
      });
    }
  }
  return hints;
}
