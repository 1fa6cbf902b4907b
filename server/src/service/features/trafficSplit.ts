import type { InlayHint, Range } from 'vscode-languageserver-types';
import type { FileSnapshot } from '../documentStore';
import { locate } from '../yaml/nodes';

const HINT_PARAMETER = 2;

/** Weighted routes of a VirtualService: http, tcp and tls routes with more than one destination. */
export const ROUTE_LISTS = ['http', 'tcp', 'tls'] as const;

/**
 * Each destination's effective share of a weighted route. Weights are relative: Istio divides each by
 * their sum, so 90 and 100 mean 47% and 53%. A destination without a weight counts as 0 when others
 * have one; a lone destination gets everything.
 */
export function shares(weights: (number | undefined)[]): number[] | undefined {
  if (weights.length < 2 && weights[0] === undefined) return undefined;
  const values = weights.map((w) => (typeof w === 'number' && w > 0 ? w : 0));
  const total = values.reduce((a, b) => a + b, 0);
  if (total <= 0) return undefined;
  return values.map((v) => (v * 100) / total);
}

/** Whole percents, as people read a split; a share that is not zero never shows as 0%. */
export function formatShare(share: number): string {
  if (share > 0 && share < 1) return '<1%';
  return `${Math.round(share)}%`;
}

/** Inlay hints after each `weight:` (or destination) of weighted VirtualService routes in `range`. */
export function trafficSplitHints(file: FileSnapshot, range: Range): InlayHint[] {
  const hints: InlayHint[] = [];
  file.documents.forEach(({ chunk, state }, index) => {
    // Only documents that overlap the requested range (their AST is built on demand).
    const nextLine = file.documents[index + 1]?.chunk.line ?? Number.MAX_SAFE_INTEGER;
    if (chunk.line > range.end.line || nextLine <= range.start.line) return;
    if (state.id?.kind !== 'VirtualService' || !state.id.group.startsWith('networking.istio.io')) return;
    const spec = (state.parsed.value as { spec?: Record<string, unknown> } | undefined)?.spec;
    if (!spec) return;
    for (const list of ROUTE_LISTS) {
      const routes = Array.isArray(spec[list]) ? (spec[list] as unknown[]) : [];
      routes.forEach((route, r) => {
        const dests = (route as { route?: unknown[] } | null)?.route;
        if (!Array.isArray(dests) || dests.length === 0) return;
        const weights = dests.map((d) => {
          const w = (d as { weight?: unknown } | null)?.weight;
          return typeof w === 'number' ? w : undefined;
        });
        if (dests.length === 1 && weights[0] === undefined) return;
        const computed = shares(weights);
        if (!computed) return;
        dests.forEach((_, i) => {
          const path = ['spec', list, r, 'route', i];
          const node =
            locate(state.parsed.doc.contents, [...path, 'weight'])?.node ??
            locate(state.parsed.doc.contents, path)?.node;
          const rawEnd = node?.range?.[1];
          if (rawEnd === undefined) return;
          // A block collection's range runs past its line break: the hint goes after its last character.
          let end = rawEnd;
          while (end > 0 && /\s/.test(state.parsed.text[end - 1])) end--;
          const p = state.parsed.lines.position(end);
          const line = p.line + chunk.line;
          if (line < range.start.line || line > range.end.line) return;
          hints.push({
            position: { line, character: p.character },
            label: ` → ${formatShare(computed[i])}`,
            kind: HINT_PARAMETER,
            tooltip: `This destination receives ${formatShare(computed[i])} of the route's traffic (its weight divided by the sum of the route's weights).`,
            paddingLeft: true,
          });
        });
      });
    }
  });
  return hints;
}
