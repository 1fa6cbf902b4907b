import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  copyFixture,
  describeDiagnostics,
  ensureActive,
  openInEditor,
  positionOf,
  waitForDiagnostics,
} from '../helpers';

describe('diagnostics', () => {
  before(ensureActive);
  after(closeAllEditors);

  it('reports a typo in a VirtualService and clears it once fixed', async () => {
    const uri = copyFixture('broken-virtualservice.yaml', 'diagnostics/broken-virtualservice.yaml');
    let editor: vscode.TextEditor | undefined;
    const typoLine = (): number => positionOf(editor!.document, 'wieght:').line;

    const found = await waitForDiagnostics(
      uri,
      (ds) => ds.some((d) => d.message.includes('wieght')),
      'a diagnostic about the unknown field "wieght"',
      async () => (editor = await openInEditor(uri)),
    );
    // The diagnostics can arrive before showTextDocument has resolved: wait for the editor too.
    editor ??= await openInEditor(uri);
    const typo = found.find((d) => d.message.includes('wieght'))!;
    assert.equal(typo.severity, vscode.DiagnosticSeverity.Error, describeDiagnostics([typo]));
    assert.equal(typo.source, 'istio');
    assert.equal(
      typo.range.start.line,
      typoLine(),
      `the diagnostic should sit on the typo:\n${describeDiagnostics(found)}`,
    );
    assert.match(typo.message, /weight/, 'the message suggests the right name');

    // Fix the typo the way a person would: edit the document (no save needed).
    const start = positionOf(editor.document, 'wieght:');
    const after = await waitForDiagnostics(
      uri,
      (ds) => !ds.some((d) => d.message.includes('wieght')),
      'the diagnostic about "wieght" to disappear after the fix',
      async () => {
        const ok = await editor!.edit((e) =>
          e.replace(new vscode.Range(start, start.translate(0, 'wieght'.length)), 'weight'),
        );
        assert.ok(ok, 'the edit was applied');
      },
    );
    const errors = after.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors, [], `no errors should remain after the fix:\n${describeDiagnostics(errors)}`);
    assert.ok(editor.document.getText().includes('weight: 20'));
    await editor.document.save();
  });
});
