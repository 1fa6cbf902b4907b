import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  ensureActive,
  istioDiagnostics,
  openInEditor,
  positionOf,
  WAIT_MS,
  waitForDiagnostics,
  within,
  writeWorkspaceFile,
} from '../helpers';

// Own namespace and names, so that other suites' files do not take part.
const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ren-reviews
  namespace: renametest
spec:
  host: ren-reviews
  subsets:
  - name: v1
  - name: v2
`;
const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ren-reviews
  namespace: renametest
spec:
  hosts: [ren-reviews]
  http:
  - route:
    - destination:
        host: ren-reviews
        subset: v2
`;
const RATINGS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ren-ratings
  namespace: renametest
spec:
  hosts: [ren-ratings]
  http:
  - route:
    - destination:
        host: ren-ratings
        subset: v1
`;

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    assert.ok(Date.now() < deadline, `timed out after ${WAIT_MS / 1000}s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('rename and quick fixes across files', () => {
  before(ensureActive);
  after(async () => {
    await vscode.workspace.saveAll(false);
    await closeAllEditors();
  });

  it('F2 on a route subset renames it in the DestinationRule of a file that is not open', async () => {
    const dr = writeWorkspaceFile('rename/dr.yaml', DR).uri;
    const vs = writeWorkspaceFile('rename/vs.yaml', VS).uri;
    const { document } = await openInEditor(vs);
    const at = positionOf(document, 'subset: v2', 9);
    const edit = await until(async () => {
      const e = await within(
        vscode.commands.executeCommand<vscode.WorkspaceEdit>(
          'vscode.executeDocumentRenameProvider',
          vs,
          at,
          'v3',
        ),
        'vscode.executeDocumentRenameProvider',
      ).catch(() => undefined);
      return e && e.entries().length === 2 ? e : undefined;
    }, 'a rename edit over both files');
    assert.deepEqual(
      edit
        .entries()
        .map(([u, es]) => [
          u.toString(),
          es.map((x) => `${x.range.start.line}:${x.range.start.character}=${x.newText}`),
        ])
        .sort(),
      [
        [dr.toString(), ['9:10=v3']],
        [vs.toString(), ['11:16=v3']],
      ],
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    const drDoc = await vscode.workspace.openTextDocument(dr);
    assert.equal(drDoc.getText(), DR.replace('- name: v2', '- name: v3'));
    assert.equal(document.getText(), VS.replace('subset: v2', 'subset: v3'));
    await vscode.workspace.saveAll(false);
  });

  it('F2 on a host is refused with a message that says where rename works', async () => {
    const vs = writeWorkspaceFile('rename/host.yaml', VS.replace(/ren-reviews/g, 'ren-host')).uri;
    const { document } = await openInEditor(vs);
    const at = positionOf(document, 'host: ren-host', 7);
    const message = await until(async () => {
      try {
        await vscode.commands.executeCommand('vscode.prepareRename', vs, at);
        return undefined;
      } catch (err) {
        const m = err instanceof Error ? err.message : String(err);
        return /Rename works on/.test(m) ? m : undefined;
      }
    }, 'the refusal');
    assert.match(message, /Rename works on a DestinationRule subset name, a route subset, a Gateway name/);
  });

  it('the quick fix creates a DestinationRule file for a host with no DestinationRule', async () => {
    const vs = writeWorkspaceFile('rename/ratings.yaml', RATINGS).uri;
    const { document } = await openInEditor(vs);
    const line = positionOf(document, 'subset: v1').line;
    const [d] = await waitForDiagnostics(
      vs,
      (ds) => ds.some((x) => x.range.start.line === line && x.message.includes('DestinationRule')),
      'the unresolved DestinationRule of the subset',
    ).then((ds) => ds.filter((x) => x.range.start.line === line));
    const actions = await within(
      vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', vs, d.range),
      'vscode.executeCodeActionProvider',
    );
    const create = actions.find((a) => a.title.startsWith('Create DestinationRule renametest/ren-ratings'));
    assert.ok(create?.edit, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.match(create.title, /in ren-ratings-destinationrule\.yaml/, 'VS Code can create files');
    assert.ok(await vscode.workspace.applyEdit(create.edit));
    await vscode.workspace.saveAll(false);
    const created = vscode.Uri.joinPath(vs, '..', 'ren-ratings-destinationrule.yaml');
    const text = (await vscode.workspace.openTextDocument(created)).getText();
    assert.match(text, /kind: DestinationRule\n[\s\S]*host: ren-ratings\n[\s\S]*- name: v1/);
    assert.ok(fs.existsSync(created.fsPath), 'the file was created');
    await waitForDiagnostics(
      vs,
      (ds) => !ds.some((x) => x.range.start.line === line && x.message.includes('DestinationRule')),
      'the subset to resolve',
    );
    assert.deepEqual(
      istioDiagnostics(vs).filter((x) => x.severity === vscode.DiagnosticSeverity.Error),
      [],
    );
  });
});
