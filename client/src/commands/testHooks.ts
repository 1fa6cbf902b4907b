import * as vscode from 'vscode';
import type { Workflow } from './workflow';

/** True in the integration tests: the runner starts the extension host with ISTIO_AUTHORING_TEST=1. */
export function testHooksEnabled(): boolean {
  return process.env.ISTIO_AUTHORING_TEST === '1';
}

/**
 * Commands only the integration tests use. They are registered only when ISTIO_AUTHORING_TEST=1 and are
 * not contributed in package.json, so people never see them.
 *   istio._test.lastRun      → the last process run {tool, argv, output, code, outcome}, or undefined
 *   istio._test.runs         → every run since the last reset
 *   istio._test.reset        → forget runs, version checks and the trust override
 *   istio._test.setTrusted   (true | false | undefined) → override vscode.workspace.isTrusted
 *   istio._test.status       → what the language status item shows {text, detail, busy}
 */
export function registerTestHooks(w: Workflow): vscode.Disposable[] {
  if (!testHooksEnabled()) return [];
  return [
    vscode.commands.registerCommand('istio._test.lastRun', () => w.runs[w.runs.length - 1]),
    vscode.commands.registerCommand('istio._test.runs', () => [...w.runs]),
    vscode.commands.registerCommand('istio._test.reset', () => {
      w.runs.splice(0);
      w.forgetTools();
      w.setTrustOverride(undefined);
    }),
    vscode.commands.registerCommand('istio._test.status', () => w.c.statusShown()),
    vscode.commands.registerCommand('istio._test.setTrusted', (value: unknown) => {
      w.setTrustOverride(typeof value === 'boolean' ? value : undefined);
    }),
  ];
}
