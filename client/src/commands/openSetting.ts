import * as vscode from 'vscode';

/**
 * Machine-scoped settings: in a remote window (code-server, SSH, WSL, containers) they live on the
 * Remote tab of the Settings editor; the User tab says "No Settings Found" for them.
 */
const MACHINE_SCOPED = new Set(['istio.istioctl.path', 'istio.kubectl.path']);

/** The command (and its argument) that shows `key` in the Settings editor, on the tab that has it. */
export function openSettingCommand(key: string, remoteName: string | undefined): [string, unknown] {
  if (remoteName && MACHINE_SCOPED.has(key)) return ['workbench.action.openRemoteSettings', { query: key }];
  return ['workbench.action.openSettings', key];
}

/** "Set path…" and friends: opens the Settings editor filtered to `key`. */
export function openSetting(key: string): Thenable<unknown> {
  const [command, arg] = openSettingCommand(key, vscode.env.remoteName);
  return vscode.commands.executeCommand(command, arg);
}
