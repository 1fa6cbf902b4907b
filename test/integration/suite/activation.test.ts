import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  EXTENSION_ID,
  WAIT_MS,
  closeAllEditors,
  extension,
  openInEditor,
  writeWorkspaceFile,
} from '../helpers';

describe('activation', () => {
  after(closeAllEditors);

  it('activates when a yaml file is opened', async () => {
    const { uri } = writeWorkspaceFile(
      'activation/peer-authentication.yaml',
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\nspec:\n  mtls:\n    mode: STRICT\n',
    );
    await openInEditor(uri);
    const ext = extension();
    // No event announces an activation: poll isActive, bounded (this test does not call activate()).
    const deadline = Date.now() + WAIT_MS;
    while (!ext.isActive) {
      assert.ok(
        Date.now() < deadline,
        `${EXTENSION_ID} did not activate within ${WAIT_MS / 1000}s of opening a yaml file`,
      );
      await new Promise((r) => setTimeout(r, 50));
    }
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('istio.showOutput'), 'istio.showOutput is registered once active');
  });
});
