import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import {
  ClusterContextsRequest,
  ClusterControlNotification,
  ClusterStatusNotification,
  type ClusterContexts,
  type ClusterControl,
  type ClusterStatus,
} from '../../../shared/src/protocol';
import { statusView } from './status';

const CONTEXT_KEY = 'istio.cluster.context';
const DISCONNECTED_KEY = 'istio.cluster.disconnected';

/**
 * The client's side of the cluster connection (which lives in the language server): a language
 * status item of its own, the cluster commands, and telling the server about workspace trust and
 * the user's choices. The chosen context and "disconnected" are kept per workspace.
 */
export class ClusterClient implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly disposables: vscode.Disposable[] = [];
  private client: LanguageClient | undefined;
  private last: ClusterStatus | undefined;

  constructor(
    private readonly extension: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.item = vscode.languages.createLanguageStatusItem('istio.cluster', { language: 'yaml' });
    this.item.name = 'Istio cluster';
    this.show({ state: 'connecting', message: 'Waiting for the language server' });
    this.disposables.push(
      this.item,
      vscode.commands.registerCommand('istio.selectClusterContext', () => this.selectContext()),
      vscode.commands.registerCommand('istio.disconnectCluster', () => this.disconnect()),
      vscode.commands.registerCommand('istio.reconnectCluster', () => this.send(true)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.send()),
    );
  }

  /** Called once the language client runs; also re-sends the control after a server restart. */
  attach(client: LanguageClient): void {
    this.client = client;
    this.disposables.push(
      client.onNotification(ClusterStatusNotification, (s: ClusterStatus) => this.show(s)),
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) this.send();
      }),
    );
    this.send();
  }

  private control(reconnect = false): ClusterControl {
    const context = this.extension.workspaceState.get<string>(CONTEXT_KEY);
    return {
      trusted: vscode.workspace.isTrusted,
      ...(context ? { context } : {}),
      disconnected: this.extension.workspaceState.get<boolean>(DISCONNECTED_KEY) === true,
      reconnect,
    };
  }

  private send(reconnect = false): void {
    if (this.client?.state !== State.Running) return;
    void this.client.sendNotification(ClusterControlNotification, this.control(reconnect));
  }

  private show(s: ClusterStatus): void {
    this.last = s;
    const v = statusView(s);
    this.item.text = v.text;
    this.item.detail = v.detail;
    this.item.busy = v.busy;
    this.item.severity =
      v.severity === 'error'
        ? vscode.LanguageStatusSeverity.Error
        : v.severity === 'warning'
          ? vscode.LanguageStatusSeverity.Warning
          : vscode.LanguageStatusSeverity.Information;
    this.item.command = v.action;
  }

  private async selectContext(): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showInformationMessage(
        'Istio: the workspace is not trusted, so no cluster is read.',
      );
      return;
    }
    if (this.client?.state !== State.Running) {
      void vscode.window.showInformationMessage('Istio: the language server is not running yet.');
      return;
    }
    const c = await this.client.sendRequest<ClusterContexts>(ClusterContextsRequest);
    if (c.error || !c.contexts.length) {
      void vscode.window.showWarningMessage(
        `Istio: no kubeconfig context to choose${c.error ? `: ${c.error}` : '.'}`,
      );
      return;
    }
    const inUse = c.selected ?? c.current;
    const pick = await vscode.window.showQuickPick(
      c.contexts.map((x) => ({
        label: x.name,
        description: [
          x.name === c.current ? 'current-context' : '',
          x.name === inUse && this.last?.state !== 'disabled' ? 'in use' : '',
        ]
          .filter(Boolean)
          .join(', '),
        detail: `cluster ${x.cluster}${x.namespace ? `, namespace ${x.namespace}` : ''}`,
      })),
      { title: 'Istio: Select Cluster Context', placeHolder: `From ${c.files.join(', ')}` },
    );
    if (!pick) return;
    await this.extension.workspaceState.update(
      CONTEXT_KEY,
      pick.label === c.current ? undefined : pick.label,
    );
    await this.extension.workspaceState.update(DISCONNECTED_KEY, undefined);
    this.output.info(`Cluster context: ${pick.label}`);
    this.send(true);
  }

  private async disconnect(): Promise<void> {
    await this.extension.workspaceState.update(DISCONNECTED_KEY, true);
    this.send();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
