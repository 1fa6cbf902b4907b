import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  State,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  ResourcesRequest,
  ServerStatusNotification,
  type ResourcesParams,
  type ResourcesResult,
  type ServerStatus,
} from '../../shared/src/protocol';
import { redactingTraceChannel } from './istioctl/redact';

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
  private kindsText = '';
  private state: 'starting' | 'ready' | 'stopped' | 'error' = 'starting';
  private statusCounter = 0;
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  /** Fires each time the language server becomes ready (start, restart). */
  readonly onReady = this.readyEmitter.event;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Istio', { log: true });
    this.status = vscode.languages.createLanguageStatusItem('istio.status', { language: 'yaml' });
    this.status.name = 'Istio';
    this.status.command = { title: 'Show Output', command: 'istio.showOutput' };
    this.setStatus('starting');
    this.disposables.push(
      this.output,
      this.status,
      this.readyEmitter,
      vscode.window.onDidChangeActiveTextEditor(() => void this.refreshResources()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) void this.refreshResources();
      }),
    );
  }

  /** What the language status item shows (for the integration tests' istio._test.status). */
  statusShown(): { text: string; detail: string | undefined; busy: boolean } {
    return { text: this.status.text, detail: this.status.detail, busy: this.status.busy };
  }

  /** The Istio resources of the active file, asked of the server: "Istio 1.30.3 · 4 resources". */
  private async refreshResources(): Promise<void> {
    if (this.state !== 'ready') return;
    const doc = vscode.window.activeTextEditor?.document;
    const ticket = ++this.statusCounter;
    let count = 0;
    if (doc && doc.languageId === 'yaml') {
      try {
        const r = await this.request<ResourcesParams, ResourcesResult>(ResourcesRequest, {
          uri: doc.uri.toString(),
        });
        count = r.resources.filter((x) => x.istio).length;
      } catch {
        count = 0;
      }
    }
    if (ticket !== this.statusCounter || this.state !== 'ready') return;
    this.showReady(count);
  }

  private showReady(count: number): void {
    const version = `Istio ${this.istioVersion || '?'}`;
    this.status.busy = false;
    this.status.severity = vscode.LanguageStatusSeverity.Information;
    if (count > 0) {
      this.status.text = `$(check) ${version} · ${count} resource${count === 1 ? '' : 's'}`;
      this.status.detail = `Validating against the schemas of ${version} (${this.kindsText})`;
    } else {
      this.status.text = 'no Istio resources';
      this.status.detail = `This file holds no Istio resource; ${version} schemas are ready`;
    }
  }

  /**
   * Sends an `istio/…` request (shared/src/protocol.ts) to the language server. Rejects when the
   * server is not running, so callers can say so.
   */
  async request<P, R>(method: string, params: P): Promise<R> {
    const client = this.client;
    if (!client?.isRunning()) throw new Error('the Istio language server is not running');
    return client.sendRequest<R>(method, params);
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
      // Diagnostic hovers carry a "Quick Fix…" link next to the code: that one command is trusted.
      markdown: { isTrusted: { enabledCommands: ['editor.action.quickFix'] } },
      outputChannel: this.output,
      // The trace never copies document text into the log, and is redacted (issue 10).
      traceOutputChannel: redactingTraceChannel(this.output),
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
        this.kindsText = s.kindsText ?? `${s.kinds} kinds`;
        if (s.state === 'ready') {
          this.output.info(
            `Istio language server ready: schemas of Istio ${s.istioVersion} (${this.kindsText}).`,
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
    this.state = state;
    switch (state) {
      case 'starting':
        this.status.text = '$(loading~spin) Istio';
        this.status.detail = 'Starting the language server';
        this.status.severity = vscode.LanguageStatusSeverity.Information;
        this.status.busy = true;
        break;
      case 'ready':
        this.showReady(0);
        void this.refreshResources();
        this.readyEmitter.fire();
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
