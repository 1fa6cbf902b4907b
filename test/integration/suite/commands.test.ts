import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ensureActive, extension } from '../helpers';

interface Manifest {
  contributes?: { commands?: { command: string; title: string; category?: string }[] };
}

describe('commands', () => {
  before(ensureActive);

  it('registers every command that package.json contributes', async () => {
    const manifest = extension().packageJSON as Manifest;
    const contributed = (manifest.contributes?.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed in package.json but not registered: ${missing.join(', ')}`);
  });

  it('puts every contributed command in the Istio category', () => {
    const manifest = extension().packageJSON as Manifest;
    const outside = (manifest.contributes?.commands ?? []).filter(
      (c) => c.category !== 'Istio' || !c.command.startsWith('istio.'),
    );
    assert.deepEqual(
      outside.map((c) => c.command),
      [],
    );
  });
});
