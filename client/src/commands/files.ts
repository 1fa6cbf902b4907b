import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

export interface FileOnDisk {
  /** The path handed to istioctl/kubectl. */
  path: string;
  /** Deletes the temporary copy, if one was made. */
  cleanup(): void;
  /** True when `path` is a temporary copy of unsaved text. */
  temporary: boolean;
}

/**
 * A file on disk that holds exactly what the editor shows: the document's own file when it is saved,
 * otherwise a temporary copy of its text (so unsaved changes are used without saving for the user).
 */
export function fileForDocument(doc: vscode.TextDocument): FileOnDisk {
  if (doc.uri.scheme === 'file' && !doc.isDirty)
    return { path: doc.uri.fsPath, cleanup: () => undefined, temporary: false };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-authoring-'));
  const base = doc.isUntitled ? 'untitled.yaml' : path.basename(doc.uri.path) || 'document.yaml';
  const file = path.join(dir, base);
  fs.writeFileSync(file, doc.getText(), { mode: 0o600 });
  return { path: file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }), temporary: true };
}

/** The open document for a URI, if VS Code has one. */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

/** Resolves a path from a setting: `~`, and relative paths against the workspace folder of `scope`. */
export function resolveSettingPath(value: string, scope?: vscode.Uri): string {
  if (!value) return value;
  let p = value;
  if (p === '~' || p.startsWith('~/')) p = path.join(os.homedir(), p.slice(1));
  if (path.isAbsolute(p)) return p;
  const folder =
    (scope && vscode.workspace.getWorkspaceFolder(scope)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(folder.uri.fsPath, p) : path.resolve(p);
}

export function displayName(uri: vscode.Uri): string {
  return path.basename(uri.path) || uri.toString();
}
