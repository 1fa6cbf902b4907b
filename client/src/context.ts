import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  State,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { ServerStatusNotification, type ServerStatus } from '../../shared/src/protocol';

/**
 * Owns everything the extension creates for its lifetime: the language client, the output channel,
 * the language status item and every disposable. One instance per activation.
 */
export class Ctx implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  private readonly status: vscode.LanguageStatusItem;
  private readonly disposables: vscode.Disposable[] = [];
  private client: LanguageClient | undefined;
  private istioVersion = '';

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Istio', { log: true });
    this.status = vscode.languages.createLanguageStatusItem('istio.status', { language: 'yaml' });
    this.status.name = 'Istio';
    this.status.command = { title: 'Show Output', command: 'istio.showOutput' };
    this.setStatus('starting');
    this.disposables.push(this.output, this.status);
  }

  /** The language client once started (the cluster status hooks into it). */
  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  push(...items: vscode.Disposable[]): void {
    this.disposables.push(...items);
  }

  async start(): Promise<void> {
    const module = this.extension.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { language: 'yaml', scheme: 'file' },
        { language: 'yaml', scheme: 'untitled' },
      ],
      outputChannel: this.output,
      traceOutputChannel: this.output,
      diagnosticPullOptions: { onChange: true, onSave: true },
      synchronize: { configurationSection: 'istio' },
    };
    const client = new LanguageClient('istio', 'Istio Language Server', serverOptions, clientOptions);
    this.client = client;
    client.onDidChangeState((e) => {
      if (e.newState === State.Stopped) this.setStatus('stopped');
    });
    try {
      await client.start();
      client.onNotification(ServerStatusNotification, (s: ServerStatus) => {
        this.istioVersion = s.istioVersion;
        if (s.state === 'ready') {
          this.output.info(
            `Istio language server ready: schemas of Istio ${s.istioVersion} (${s.kinds} kinds).`,
          );
          this.setStatus('ready');
        } else {
          this.output.error(`Istio language server failed: ${s.message ?? 'unknown error'}`);
          this.setStatus('error', s.message);
        }
      });
    } catch (err) {
      this.setStatus('error', String(err));
      throw err;
    }
  }

  async restart(): Promise<void> {
    this.setStatus('starting');
    if (this.client) await this.client.restart();
    this.setStatus('ready');
  }

  private setStatus(state: 'starting' | 'ready' | 'stopped' | 'error', detail?: string): void {
    const version = this.istioVersion ? `Istio ${this.istioVersion}` : 'Istio';
    switch (state) {
      case 'starting':
        this.status.text = '$(loading~spin) Istio';
        this.status.detail = 'Starting the language server';
        this.status.severity = vscode.LanguageStatusSeverity.Information;
        this.status.busy = true;
        break;
      case 'ready':
        this.status.text = `$(check) ${version}`;
        this.status.detail = `Validating against Istio ${this.istioVersion || '?'} schemas`;
        this.status.severity = vscode.LanguageStatusSeverity.Information;
        this.status.busy = false;
        break;
      case 'stopped':
        this.status.text = '$(debug-stop) Istio';
        this.status.detail = 'The language server is stopped. Run "Istio: Restart Language Server".';
        this.status.severity = vscode.LanguageStatusSeverity.Warning;
        this.status.busy = false;
        break;
      case 'error':
        this.status.text = '$(error) Istio';
        this.status.detail = detail ?? 'The language server failed; see the Istio output channel.';
        this.status.severity = vscode.LanguageStatusSeverity.Error;
        this.status.busy = false;
        break;
    }
  }

  async dispose(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.stop().catch(() => undefined);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
