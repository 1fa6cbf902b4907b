import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  completionLabels,
  ensureActive,
  hoverText,
  openInEditor,
  positionOf,
  waitForDiagnostics,
  within,
  writeWorkspaceFile,
} from '../helpers';

const code = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);

describe('field docs, completion and snippets', () => {
  before(ensureActive);
  after(closeAllEditors);

  it('hover on a nested field shows its prose docs', async () => {
    const { uri } = writeWorkspaceFile(
      'authoring/hover-nested.yaml',
      [
        'apiVersion: networking.istio.io/v1',
        'kind: DestinationRule',
        'metadata:',
        '  name: reviews',
        'spec:',
        '  host: reviews',
        '  trafficPolicy:',
        '    outlierDetection:',
        '      consecutive5xxErrors: 7',
        '',
      ].join('\n'),
    );
    const { document } = await openInEditor(uri);
    const hovers = await within(
      vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        positionOf(document, 'consecutive5xx', 3),
      ),
      'hover on consecutive5xxErrors',
    );
    const text = hoverText(hovers ?? []);
    assert.match(text, /consecutive5xxErrors/);
    assert.match(text, /eject/i, `the hover should explain ejection; got:\n${text}`);
    assert.match(text, /When unset/);
    assert.match(text, /destination-rule\/#OutlierDetection/);
  });

  it('completion inside connectionPool.tcp lists maxConnections with its docs', async () => {
    const { uri, cursor } = writeWorkspaceFile(
      'authoring/completion-tcp.yaml',
      [
        'apiVersion: networking.istio.io/v1',
        'kind: DestinationRule',
        'metadata:',
        '  name: reviews',
        'spec:',
        '  host: reviews',
        '  trafficPolicy:',
        '    connectionPool:',
        '      tcp:',
        '        |',
        '',
      ].join('\n'),
    );
    await openInEditor(uri);
    const list = await within(
      vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        uri,
        cursor,
        undefined,
        200,
      ),
      'completion in connectionPool.tcp',
    );
    assert.ok(completionLabels(list).includes('maxConnections'), completionLabels(list).join(', '));
    const item = list.items.find(
      (i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'maxConnections',
    );
    const docs = item?.documentation;
    const docText = typeof docs === 'string' ? docs : (docs?.value ?? '');
    assert.match(docText, /maxConnections/);
    assert.match(docText, /integer/);
    assert.ok(docText.length > 120, `maxConnections needs real docs; got:\n${docText}`);
  });

  it('a snippet inserts and validates clean', async () => {
    // Start from a broken document, so that "clean" is a change the server has to report.
    const { uri } = writeWorkspaceFile(
      'authoring/snippet.yaml',
      'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: x}\nspec: {hots: x}\n',
    );
    let editor: vscode.TextEditor | undefined;
    await waitForDiagnostics(
      uri,
      (ds) => ds.length > 0,
      'diagnostics of the broken start',
      async () => {
        editor = await openInEditor(uri);
      },
    );
    // The workspace index may report the closed file before the action runs: open it either way.
    const e = editor ?? (await openInEditor(uri));
    // The snippets come from the language server's completion where a resource can start.
    await e.edit((b) => b.delete(new vscode.Range(0, 0, e.document.lineCount, 0)));
    const list = await within(
      vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        uri,
        new vscode.Position(0, 0),
      ),
      'completion in the emptied document',
    );
    const item = list.items.find(
      (i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'istio-dr-circuit-breaker',
    );
    assert.ok(item, `no istio-dr-circuit-breaker item: ${completionLabels(list).join(', ')}`);
    const body =
      item.insertText instanceof vscode.SnippetString ? item.insertText.value : String(item.insertText);
    const after = await waitForDiagnostics(
      uri,
      (ds) => ds.length === 0 && e.document.getText().includes('outlierDetection:'),
      'the snippet to validate clean',
      () => e.insertSnippet(new vscode.SnippetString(body), new vscode.Position(0, 0)),
    );
    assert.deepEqual(
      after.map((d) => d.message),
      [],
    );
    const text = e.document.getText();
    assert.match(text, /kind: DestinationRule/);
    assert.match(text, /outlierDetection:/);
    const symbols = await within(
      vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri),
      'symbols of the snippet',
    );
    assert.deepEqual(
      symbols?.map((s) => s.name),
      ['DestinationRule httpbin'],
    );
  });
});

describe("Istio's rules in the editor", () => {
  before(ensureActive);
  after(closeAllEditors);

  it('a webhook-rule error appears, and its quick fix clears it', async () => {
    const { uri } = writeWorkspaceFile(
      'authoring/custom-without-rules.yaml',
      [
        'apiVersion: security.istio.io/v1',
        'kind: AuthorizationPolicy',
        'metadata:',
        '  name: deny-nothing',
        'spec:',
        '  selector:',
        '    matchLabels:',
        '      app: web',
        '  action: DENY',
        '',
      ].join('\n'),
    );
    const shown = await waitForDiagnostics(
      uri,
      (ds) => ds.some((d) => code(d) === 'ap-action-without-rules'),
      'the ap-action-without-rules error',
      () => openInEditor(uri),
    );
    const d = shown.find((x) => code(x) === 'ap-action-without-rules')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.range.start.line, 8, 'the error sits on the action line');
    const actions = await within(
      vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        d.range,
        vscode.CodeActionKind.QuickFix.value,
      ),
      'code actions for the error',
    );
    const fix = actions?.find((a) => /empty rule/.test(a.title) && a.edit);
    assert.ok(
      fix?.edit,
      `a quick fix with an edit is offered; got: ${JSON.stringify(actions?.map((a) => a.title))}`,
    );
    const cleared = await waitForDiagnostics(
      uri,
      (ds) => !ds.some((x) => code(x) === 'ap-action-without-rules'),
      'the error to clear after the quick fix',
      () => vscode.workspace.applyEdit(fix.edit!),
    );
    // Whatever else was reported before the fix (the selector's workload is not in the workspace,
    // an information) may stay; the fix adds nothing.
    const before = shown.map(code).filter((c) => c !== 'ap-action-without-rules');
    assert.deepEqual(cleared.map(code).sort(), before.sort(), 'nothing new appears after the fix');
  });
});
