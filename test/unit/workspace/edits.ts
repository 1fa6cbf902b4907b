/** Test helpers: a named multi-file workspace in the engine, and applying a WorkspaceEdit to its texts. */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, type IstioSettings } from '../../../shared/src/protocol';
import type { FileSnapshot } from '../../../server/src/service/documentStore';
import { analyzeWorkspace } from '../../../server/src/service/workspace/analyze';
import { service } from '../helpers';

let counter = 0;

export class Files {
  readonly base = `file:///edit${++counter}/`;
  readonly texts = new Map<string, string>();

  constructor(files: Record<string, string>) {
    for (const [name, text] of Object.entries(files)) this.texts.set(this.uri(name), text);
    this.load();
  }

  uri(name: string): string {
    return this.base + name;
  }

  text(name: string): string | undefined {
    return this.texts.get(this.uri(name));
  }

  /** Puts the current texts into the engine's index. */
  load(): void {
    const s = service();
    for (const [uri, text] of this.texts) s.workspace.update(s.snapshot(uri, 1, text));
  }

  snapshot(name: string): FileSnapshot {
    const file = service().workspace.index.snapshot(this.uri(name));
    assert.ok(file, `${name} is indexed`);
    return file;
  }

  /** Every diagnostic of every file (own and cross-resource), analyzed as one workspace. */
  diagnostics(settings: IstioSettings = DEFAULT_SETTINGS): Map<string, Diagnostic[]> {
    const list = [...this.texts].map(([uri, text]) => ({ uri, text }));
    return analyzeWorkspace(service(), list, settings);
  }

  /** Applies a workspace edit (changes, or documentChanges with CreateFile) to the texts, then reloads. */
  apply(edit: WorkspaceEdit): void {
    const byUri = new Map<string, TextEdit[]>();
    const add = (uri: string, edits: TextEdit[]): void => {
      byUri.set(uri, [...(byUri.get(uri) ?? []), ...edits]);
    };
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) add(uri, edits);
    for (const c of edit.documentChanges ?? []) {
      if ('kind' in c) {
        assert.equal(c.kind, 'create', 'only CreateFile is expected');
        assert.equal(this.texts.has(c.uri), false, `${c.uri} does not exist yet`);
        this.texts.set(c.uri, '');
      } else add(c.textDocument.uri, c.edits);
    }
    for (const [uri, edits] of byUri) {
      const text = this.texts.get(uri);
      assert.notEqual(text, undefined, `the edit targets a known file: ${uri}`);
      this.texts.set(uri, TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, text!), edits));
    }
    this.load();
  }

  done(): void {
    const s = service();
    for (const uri of this.texts.keys()) {
      s.workspace.remove(uri);
      s.close(uri);
    }
  }
}

/** The errors of a diagnostics map, as `file:line code` strings (for "no new error" checks). */
export function errors(files: Files, ds: Map<string, Diagnostic[]>): string[] {
  return [...ds].flatMap(([uri, list]) =>
    list
      .filter((d) => d.severity === 1)
      .map((d) => `${uri.slice(files.base.length)}:${d.range.start.line} ${String(d.code)} ${d.message}`),
  );
}
