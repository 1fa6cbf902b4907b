import * as vscode from 'vscode';

export const OUTPUT_SCHEME = 'istio-output';

/**
 * Read-only documents (scheme `istio-output:`) holding command output: proxy-status, proxy-config,
 * injected manifests for the diff view. The latest content per path is kept; at most `limit` paths.
 */
export class OutputDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly limit = 50) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '(This output is no longer kept. Run the command again.)\n';
  }

  /** Stores `content` at `path` (e.g. `/proxy-config/pod.ns/cluster.json`) and returns its URI. */
  set(path: string, content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: OUTPUT_SCHEME, path: path.startsWith('/') ? path : `/${path}` });
    const key = uri.toString();
    this.contents.delete(key);
    this.contents.set(key, content);
    while (this.contents.size > this.limit) this.contents.delete(this.contents.keys().next().value as string);
    this.changed.fire(uri);
    return uri;
  }

  /** Stores the content and opens it in a (read-only) editor. */
  async show(
    path: string,
    content: string,
    options: { language?: string; viewColumn?: vscode.ViewColumn } = {},
  ): Promise<vscode.TextEditor> {
    const uri = this.set(path, content);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (options.language && doc.languageId !== options.language)
      doc = await vscode.languages.setTextDocumentLanguage(doc, options.language);
    return vscode.window.showTextDocument(doc, { preview: false, viewColumn: options.viewColumn });
  }

  dispose(): void {
    this.changed.dispose();
    this.contents.clear();
  }
}
