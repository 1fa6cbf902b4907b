import * as vscode from 'vscode';
import { findWeightedRoutes, type RouteRef } from './routes';
import { effectiveWeights, formatSplit } from './weights';

const MAX_TEXT = 1024 * 1024;

export const SHIFT_TRAFFIC = 'istio.shiftTraffic';

/** "Shift traffic (90/10)" above every VirtualService route with two or more destinations. */
export class ShiftTrafficCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly enabled: (doc: vscode.TextDocument) => boolean) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const text = doc.getText();
    if (!this.enabled(doc) || text.length > MAX_TEXT || !/kind:\s*["']?VirtualService/.test(text)) return [];
    return findWeightedRoutes(text).map((r) => {
      const start = doc.positionAt(r.start);
      const args: [vscode.Uri, RouteRef] = [doc.uri, r.ref];
      return new vscode.CodeLens(new vscode.Range(start, start), {
        title: `$(arrow-swap) Shift traffic (${formatSplit(effectiveWeights(r.destinations.map((d) => d.weight)))})`,
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
