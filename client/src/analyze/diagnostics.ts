import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  documentOfLine,
  levelOf,
  withoutDuplicates,
  type DiagnosticKey,
  type LocatedMessage,
} from './results';

export const ANALYZE_COLLECTION = 'istio-analyze';

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

function keyOf(d: vscode.Diagnostic): string {
  return `${codeOf(d)}@${d.range.start.line}@${d.message}`;
}

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/**
 * The Problems-panel entries from `istioctl analyze`, in their own collection. A finding is hidden
 * while the language server reports the same code on the same line, or in the same YAML document, of
 * the same file (see withoutDuplicates), and the results
 * of a file are dropped once it is edited (their line numbers no longer hold).
 */
export class AnalyzeDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(ANALYZE_COLLECTION);
  /** Every finding of the last run, per URI, before removing duplicates. */
  private readonly all = new Map<
    string,
    { uri: vscode.Uri; diagnostics: vscode.Diagnostic[]; docOf: (line: number) => number }
  >();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.subscriptions.push(
      vscode.languages.onDidChangeDiagnostics((e) => {
        for (const uri of e.uris) if (this.all.has(uri.toString())) this.refresh(uri);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.all.delete(e.document.uri.toString()))
          this.collection.delete(e.document.uri);
      }),
    );
  }

  /** Replaces all results with those of a new run. */
  replace(placed: readonly LocatedMessage[]): void {
    this.all.clear();
    this.collection.clear();
    const byFile = new Map<string, LocatedMessage[]>();
    for (const p of placed) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
    for (const [file, messages] of byFile) {
      const uri = vscode.Uri.file(file);
      const lines = readLines(file);
      this.all.set(uri.toString(), {
        uri,
        diagnostics: messages.map((m) => toDiagnostic(m, lines)),
        docOf: documentOfLine(lines),
      });
    }
    for (const { uri } of this.all.values()) this.refresh(uri);
  }

  clear(): void {
    this.all.clear();
    this.collection.clear();
  }

  /** What is shown for `uri` right now. */
  shown(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(uri) ?? [];
  }

  private refresh(uri: vscode.Uri): void {
    const entry = this.all.get(uri.toString());
    if (!entry) return;
    const current = [...(this.collection.get(uri) ?? [])];
    // getDiagnostics includes this collection: take ours out (one for one) to see everyone else's.
    const ours = new Map<string, number>();
    for (const d of current) ours.set(keyOf(d), (ours.get(keyOf(d)) ?? 0) + 1);
    const others: DiagnosticKey[] = [];
    for (const d of vscode.languages.getDiagnostics(uri)) {
      const k = keyOf(d);
      const n = ours.get(k) ?? 0;
      if (n > 0) ours.set(k, n - 1);
      else others.push({ code: codeOf(d), line: d.range.start.line, source: d.source });
    }
    const wanted = withoutDuplicates(
      entry.diagnostics.map((d) => ({ code: codeOf(d) ?? '', line: d.range.start.line, d })),
      others,
      entry.docOf,
    ).map((x) => x.d);
    const same = wanted.length === current.length && wanted.every((d, i) => keyOf(d) === keyOf(current[i]));
    if (!same) this.collection.set(uri, wanted);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}

function readLines(file: string): string[] {
  try {
    return fs.readFileSync(file, 'utf8').split(/\r?\n/);
  } catch {
    return [];
  }
}

function toDiagnostic(m: LocatedMessage, lines: string[]): vscode.Diagnostic {
  const text = lines[m.line] ?? '';
  const start = text.length - text.trimStart().length;
  const range = new vscode.Range(m.line, start, m.line, Math.max(start, text.trimEnd().length));
  const d = new vscode.Diagnostic(range, m.message.message, SEVERITY[levelOf(m.message)]);
  d.source = 'istio';
  d.code = m.message.documentationUrl
    ? { value: m.message.code, target: vscode.Uri.parse(m.message.documentationUrl) }
    : m.message.code;
  return d;
}
