import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  completionLabels,
  copyFixture,
  ensureActive,
  hoverText,
  openInEditor,
  positionOf,
  within,
  writeWorkspaceFile,
} from '../helpers';

describe('language features', () => {
  before(ensureActive);
  after(closeAllEditors);

  it('hover on a field shows its documentation', async () => {
    const uri = copyFixture('reviews-mesh.yaml', 'features/hover.yaml');
    const { document } = await openInEditor(uri);
    // `loadBalancer:` under the DestinationRule's trafficPolicy.
    const pos = positionOf(document, 'loadBalancer:', 3);
    const hovers = await within(
      vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos),
      'vscode.executeHoverProvider',
    );
    const text = hoverText(hovers ?? []);
    assert.ok(text.length > 0, 'no hover content for loadBalancer');
    assert.match(text, /loadBalancer/, `hover should name the field; got:\n${text}`);

    // A different field gives a different, matching description.
    const subsetsHover = hoverText(
      (await within(
        vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          uri,
          positionOf(document, 'subsets:', 2),
        ),
        'vscode.executeHoverProvider',
      )) ?? [],
    );
    assert.match(subsetsHover, /subsets/, `hover on subsets should name it; got:\n${subsetsHover}`);
    assert.notEqual(subsetsHover, text);
  });

  it('completion inside trafficPolicy lists its keys', async () => {
    const { uri, cursor } = writeWorkspaceFile(
      'features/completion.yaml',
      [
        'apiVersion: networking.istio.io/v1',
        'kind: DestinationRule',
        'metadata:',
        '  name: ratings',
        'spec:',
        '  host: ratings',
        '  trafficPolicy:',
        '    |',
        '',
      ].join('\n'),
    );
    await openInEditor(uri);
    const list = await within(
      vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        uri,
        cursor,
      ),
      'vscode.executeCompletionItemProvider',
    );
    const labels = completionLabels(list);
    for (const key of ['connectionPool', 'loadBalancer', 'outlierDetection', 'tls']) {
      assert.ok(labels.includes(key), `completion should offer "${key}"; got: ${labels.join(', ')}`);
    }
    // Keys of spec itself do not belong inside trafficPolicy.
    assert.ok(
      !labels.includes('subsets'),
      `"subsets" is not a key of trafficPolicy; got: ${labels.join(', ')}`,
    );
  });

  it('the outline lists one symbol per resource', async () => {
    const uri = copyFixture('reviews-mesh.yaml', 'features/outline.yaml');
    await openInEditor(uri);
    const symbols = await within(
      vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>(
        'vscode.executeDocumentSymbolProvider',
        uri,
      ),
      'vscode.executeDocumentSymbolProvider',
    );
    const names = (symbols ?? []).map((s) => s.name);
    assert.deepEqual(names, [
      'Gateway bookinfo-gateway',
      'VirtualService reviews',
      'DestinationRule reviews',
    ]);
  });
});
