import * as vscode from 'vscode';
import { Ctx } from './context';
import { registerCommands } from './commands/index';
import { ClusterClient } from './cluster/index';

let ctx: Ctx | undefined;

export async function activate(extension: vscode.ExtensionContext): Promise<void> {
  ctx = new Ctx(extension);
  const c = ctx;
  // Commands are registered before the server is ready, so they can answer while it starts.
  c.push(
    vscode.commands.registerCommand('istio.showOutput', () => c.output.show(true)),
    vscode.commands.registerCommand('istio.restartServer', async () => {
      try {
        await c.restart();
      } catch (err) {
        void vscode.window.showErrorMessage(`Istio: the language server did not restart: ${String(err)}`);
      }
    }),
  );
  registerCommands(c);
  const cluster = new ClusterClient(extension, c.output);
  c.push(cluster);
  try {
    await c.start();
    if (c.languageClient) cluster.attach(c.languageClient);
  } catch (err) {
    c.output.error(`The Istio language server did not start: ${String(err)}`);
    void vscode.window
      .showErrorMessage(
        'Istio: the language server did not start. Validation is off until it does.',
        'Show Output',
      )
      .then((choice) => choice && c.output.show());
  }
}

export async function deactivate(): Promise<void> {
  const c = ctx;
  ctx = undefined;
  await c?.dispose();
}
