import * as vscode from 'vscode';
import { documentRoutes, splittable, toRange, type RouteSource, type TrafficRouteRef } from './routes';

export const SHIFT_TRAFFIC = 'istio.shiftTraffic';

/**
 * "Shift traffic (47%/53%)" above every VirtualService route with two or more destinations: the
 * effective shares, from the same server computation as the inlay hints after each weight.
 */
export class ShiftTrafficCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly source: RouteSource,
    private readonly enabled: (doc: vscode.TextDocument) => boolean,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!this.enabled(doc) || !/kind:\s*["']?VirtualService/.test(doc.getText())) return [];
    let routes;
    try {
      routes = splittable(await documentRoutes(this.source, doc));
    } catch {
      return []; // the server is not running: no lenses (the language status says why)
    }
    return routes.map((r) => {
      const start = toRange(r.range).start;
      const args: [vscode.Uri, TrafficRouteRef] = [doc.uri, r.ref];
      return new vscode.CodeLens(new vscode.Range(start, start), {
        title: `$(arrow-swap) Shift traffic (${r.split})`,
        tooltip: `Change the split between ${r.destinations.map((d) => d.label).join(', ')}`,
        command: SHIFT_TRAFFIC,
        arguments: args,
      });
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
