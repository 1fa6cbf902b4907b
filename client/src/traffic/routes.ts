/**
 * The weighted routes of a document, as the language server computes them (`istio/trafficRoutes`,
 * `istio/weightEdits`): the client does not read YAML itself.
 */
import * as vscode from 'vscode';
import {
  TrafficRoutesRequest,
  WeightEditsRequest,
  type IstioRange,
  type TrafficRoute,
  type TrafficRouteRef,
  type TrafficRoutesParams,
  type TrafficRoutesResult,
  type WeightEditsParams,
  type WeightEditsResult,
} from '../../../shared/src/protocol';
import { distribute } from './weights';

export type { TrafficRoute, TrafficRouteRef };

/** What the routes are asked of: the extension's context (its language client). */
export interface RouteSource {
  request<P, R>(method: string, params: P): Promise<R>;
}

export function toRange(r: IstioRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/**
 * The routes of `doc` at its current version. The server answers for the version it has; when the
 * editor is ahead (a change, or the opening, still on its way), the request is repeated for up to a second.
 */
export async function documentRoutes(source: RouteSource, doc: vscode.TextDocument): Promise<TrafficRoute[]> {
  // -1: the server has not seen the document open yet.
  for (let attempt = 0; attempt < 20; attempt++) {
    const r = await source.request<TrafficRoutesParams, TrafficRoutesResult>(TrafficRoutesRequest, {
      uri: doc.uri.toString(),
    });
    if (r.version === doc.version) return r.routes;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the language server has not caught up with ${doc.uri.fsPath}`);
}

/** Routes whose traffic can be split: two or more destinations. */
export function splittable(routes: readonly TrafficRoute[]): TrafficRoute[] {
  return routes.filter((r) => r.destinations.length >= 2);
}

export function sameRef(a: TrafficRouteRef, b: TrafficRouteRef): boolean {
  return a.doc === b.doc && a.section === b.section && a.index === b.index;
}

/** The route whose list item contains `pos`. */
export function routeAt(routes: readonly TrafficRoute[], pos: vscode.Position): TrafficRoute | undefined {
  return routes.find((r) => toRange(r.range).contains(pos));
}

/** A short description: `reviews http[0]` (or the route's name). */
export function describeRoute(r: TrafficRoute): string {
  const which = r.name ? `route "${r.name}"` : `${r.ref.section}[${r.ref.index}]`;
  return `${r.virtualService || 'VirtualService'} ${which}`;
}

/**
 * The split in effect as whole percents adding up to 100 (the server's shares, rounded), or zeros when
 * Istio rejects the route (its weights add up to 0).
 */
export function currentPercents(r: TrafficRoute): number[] {
  if (r.invalid) return r.destinations.map(() => 0);
  return distribute(
    100,
    r.destinations.map((d) => d.share ?? 0),
  );
}

/** Gives route `ref` of `doc` the `weights`, with one WorkspaceEdit (one undo step). */
export async function setWeights(
  source: RouteSource,
  doc: vscode.TextDocument,
  ref: TrafficRouteRef,
  weights: readonly number[],
): Promise<boolean> {
  await documentRoutes(source, doc); // waits until the server has this version
  const r = await source.request<WeightEditsParams, WeightEditsResult>(WeightEditsRequest, {
    uri: doc.uri.toString(),
    ref,
    weights: [...weights],
  });
  if ('error' in r) throw new Error(r.error);
  if (r.version !== doc.version) return false;
  if (!r.edits.length) return true;
  const edit = new vscode.WorkspaceEdit();
  for (const e of r.edits) edit.replace(doc.uri, toRange(e.range), e.newText);
  return vscode.workspace.applyEdit(edit);
}
