// Helpers for the integration suite: fixtures in the test workspace, and bounded waits on
// VS Code events (never on time).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'istio-authoring.istio-authoring';
export const SOURCE = 'istio';
/** Default bound for one wait. Mocha's per-test timeout is longer, so this message is what you see. */
export const WAIT_MS = 30_000;

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in this VS Code`);
  return ext;
}

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test runner must open a workspace folder');
  return folder.uri.fsPath;
}

/** Path of a checked-in fixture (test/integration/fixtures of the extension under test). */
export function fixturePath(name: string): string {
  const file = path.join(extension().extensionPath, 'test', 'integration', 'fixtures', name);
  assert.ok(fs.existsSync(file), `fixture ${file} not found`);
  return file;
}

/**
 * Writes a file into the test workspace and returns its URI. `text` may contain one `|` marking
 * the cursor; its position is returned and the marker removed.
 */
export function writeWorkspaceFile(
  relPath: string,
  text: string,
): { uri: vscode.Uri; cursor?: vscode.Position } {
  const file = path.join(workspaceDir(), relPath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const at = text.indexOf('|');
  let cursor: vscode.Position | undefined;
  if (at >= 0) {
    const before = text.slice(0, at).split('\n');
    cursor = new vscode.Position(before.length - 1, before[before.length - 1].length);
    text = text.slice(0, at) + text.slice(at + 1);
  }
  fs.writeFileSync(file, text);
  return { uri: vscode.Uri.file(file), cursor };
}

/** Copies a checked-in fixture into the workspace (a fresh copy each time) and returns its URI. */
export function copyFixture(name: string, relPath = name): vscode.Uri {
  return writeWorkspaceFile(relPath, fs.readFileSync(fixturePath(name), 'utf8')).uri;
}

export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  assert.equal(doc.languageId, 'yaml', `${uri.fsPath} should open as yaml`);
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** The position of `needle` (its n-th occurrence) in a document, plus `delta` characters. */
export function positionOf(
  doc: vscode.TextDocument,
  needle: string,
  delta = 0,
  occurrence = 1,
): vscode.Position {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = doc.getText().indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (occurrence ${i + 1}) not found in ${doc.uri.fsPath}`);
  }
  return doc.positionAt(at + delta);
}

export function istioDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  if (!ds.length) return '(none)';
  return ds
    .map((d) => {
      const code = typeof d.code === 'object' ? d.code.value : d.code;
      return `  ${d.range.start.line + 1}:${d.range.start.character + 1} [${d.source}/${String(code)}] ${d.message}`;
    })
    .join('\n');
}

/**
 * Subscribes to `onDidChangeDiagnostics`, then runs `action` (if any), and resolves with the
 * `istio` diagnostics of `uri` as soon as `predicate` holds for them. Fails after `timeoutMs`
 * with the diagnostics last seen.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  action?: () => Thenable<unknown> | Promise<unknown>,
  timeoutMs = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise<vscode.Diagnostic[]>((resolve, reject) => {
    let settled = false;
    const finish = (err: Error | undefined, ds?: vscode.Diagnostic[]): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sub.dispose();
      if (err) reject(err);
      else resolve(ds ?? []);
    };
    const check = (): void => {
      const ds = istioDiagnostics(uri);
      if (predicate(ds)) finish(undefined, ds);
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      const all = vscode.languages.getDiagnostics(uri);
      finish(
        new Error(
          `Timed out after ${timeoutMs / 1000}s waiting for ${what} in ${path.basename(uri.fsPath)}.\n` +
            `Diagnostics at that moment:\n${describeDiagnostics(all)}`,
        ),
      );
    }, timeoutMs);
    Promise.resolve(action?.()).then(check, (err: unknown) =>
      finish(err instanceof Error ? err : new Error(String(err))),
    );
  });
}

/** Rejects with a clear message if `promise` does not settle within `timeoutMs`. */
export async function within<T>(
  promise: Thenable<T> | Promise<T>,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs / 1000}s: ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve(promise), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Makes sure the extension is active and its language client has started: opens a yaml file
 * and waits for the activation that this (or the workspace) triggered. `activate()` of an
 * extension already activating returns that activation's promise.
 */
export async function ensureActive(): Promise<void> {
  // Shared by every suite file (each is bundled on its own, hence globalThis): once activation
  // has failed, later suites fail at once instead of waiting again.
  const g = globalThis as { istioActivationError?: Error };
  if (g.istioActivationError) throw g.istioActivationError;
  try {
    const { uri } = writeWorkspaceFile(
      'warm-up.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: warm-up\n',
    );
    await openInEditor(uri);
    await within(extension().activate(), `activation of ${EXTENSION_ID}`);
  } catch (err) {
    g.istioActivationError = err instanceof Error ? err : new Error(String(err));
    throw g.istioActivationError;
  }
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Plain text of hover contents (MarkdownString, MarkedString or string). */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

export function completionLabels(list: vscode.CompletionList | undefined): string[] {
  return (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}
