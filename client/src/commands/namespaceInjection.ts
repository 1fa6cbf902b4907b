import * as vscode from 'vscode';
import {
  GET_NAMESPACES_ARGS,
  labelNamespaceArgs,
  rolloutRestartArgs,
  validateRevision,
} from '../istioctl/argv';
import { succeeded } from '../istioctl/process';
import {
  INJECTION_LABEL,
  REVISION_LABEL,
  injectionLabels,
  parseNamespaces,
  type NamespaceInfo,
} from '../istioctl/parsers';
import type { Workflow } from './workflow';

export const RESTART = 'Restart Deployments';

/** Lists namespaces with `kubectl get namespaces -o json`; undefined (after saying why) on failure. */
export async function listNamespaces(w: Workflow, kubectl: string): Promise<NamespaceInfo[] | undefined> {
  const r = await w.withProgress('Reading namespaces', (_p, signal) =>
    w.run('kubectl', kubectl, GET_NAMESPACES_ARGS, { signal }),
  );
  if (r.cancelled) return undefined;
  if (!succeeded(r)) {
    w.reportFailure('cannot list namespaces', r);
    return undefined;
  }
  try {
    return parseNamespaces(r.stdout);
  } catch (err) {
    void vscode.window.showErrorMessage(`Istio: cannot read the namespace list: ${String(err)}`);
    return undefined;
  }
}

export async function pickNamespace(
  namespaces: NamespaceInfo[],
  title: string,
): Promise<NamespaceInfo | undefined> {
  const pick = await vscode.window.showQuickPick(
    namespaces.map((ns) => ({
      label: ns.name,
      description: injectionLabels(ns).join(', ') || 'no injection label',
      ns,
    })),
    { title, matchOnDescription: true, ignoreFocusOut: true },
  );
  return pick?.ns;
}

/** Labels a namespace for sidecar injection (`istio-injection=enabled` or `istio.io/rev=<rev>`). */
export async function enableNamespaceInjection(w: Workflow): Promise<void> {
  if (!w.requireTrust('Enable Sidecar Injection for Namespace')) return;
  const kubectl = await w.tool('kubectl');
  if (!kubectl) return;
  const namespaces = await listNamespaces(w, kubectl);
  if (!namespaces) return;
  const ns = await pickNamespace(namespaces, 'Istio: namespace to enable sidecar injection for');
  if (!ns) return;

  const labelPick = await vscode.window.showQuickPick(
    [
      { label: `${INJECTION_LABEL}=enabled`, description: 'use the default revision', key: INJECTION_LABEL },
      {
        label: `${REVISION_LABEL}=<revision>…`,
        description: 'use a specific control plane revision',
        key: REVISION_LABEL,
      },
    ],
    { title: `Istio: injection label for ${ns.name}`, ignoreFocusOut: true },
  );
  if (!labelPick) return;
  const key = labelPick.key;
  let value = 'enabled';
  if (key === REVISION_LABEL) {
    const rev = await vscode.window.showInputBox({
      title: `Istio: revision for ${ns.name}`,
      prompt:
        'The control plane revision whose injector should serve this namespace (for example canary or 1-30-3).',
      value: ns.labels[REVISION_LABEL] ?? '',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? 'Enter a revision.' : validateRevision(v.trim())),
    });
    if (rev === undefined) return;
    value = rev.trim();
  }

  const other = key === INJECTION_LABEL ? REVISION_LABEL : INJECTION_LABEL;
  const remove: string[] = [];
  if (other in ns.labels) {
    const REMOVE = `Remove ${other}`;
    const KEEP = 'Keep Both';
    const choice = await vscode.window.showWarningMessage(
      `Namespace ${ns.name} also has ${other}=${ns.labels[other]}. With both labels, istio-injection decides and istio.io/rev is ignored. Remove ${other}?`,
      { modal: true },
      REMOVE,
      KEEP,
    );
    if (!choice) return;
    if (choice === REMOVE) remove.push(other);
  }

  const context = await w.currentContext(kubectl);
  if (!context) return;
  const args = labelNamespaceArgs(ns.name, key, value, remove, context);
  const ok = await w.confirmClusterChange(
    `Label namespace "${ns.name}" with ${key}=${value} in kube context "${context}"?`,
    context,
    [w.display(kubectl, args)],
    'Apply Label',
  );
  if (!ok) {
    w.output.info('Enable injection: not confirmed; nothing was run.');
    return;
  }
  const result = await w.withProgress(`Labelling namespace ${ns.name}`, (_p, signal) =>
    w.run('kubectl', kubectl, args, { signal, logStdout: true }),
  );
  if (result.cancelled) return;
  if (!succeeded(result)) {
    w.reportFailure(`labelling namespace ${ns.name} failed`, result);
    return;
  }
  const choice = await vscode.window.showInformationMessage(
    `Istio: namespace ${ns.name} now has ${key}=${value} (kube context "${context}"). Pods already running get the sidecar only when they restart.`,
    RESTART,
    'Show Output',
  );
  if (choice === 'Show Output') w.output.show(true);
  if (choice !== RESTART) return;
  const restartArgs = rolloutRestartArgs(ns.name, context);
  const restartOk = await w.confirmClusterChange(
    `Restart every deployment in namespace "${ns.name}" of kube context "${context}"?`,
    context,
    [w.display(kubectl, restartArgs)],
    'Restart',
  );
  if (!restartOk) return;
  const restart = await w.withProgress(`Restarting deployments in ${ns.name}`, (_p, signal) =>
    w.run('kubectl', kubectl, restartArgs, { signal, logStdout: true }),
  );
  if (restart.cancelled) return;
  if (!succeeded(restart)) w.reportFailure(`restarting deployments in ${ns.name} failed`, restart);
  else {
    const count = restart.stdout.split('\n').filter((l) => l.includes(' restarted')).length;
    void vscode.window.showInformationMessage(
      `Istio: restarted ${count} deployment${count === 1 ? '' : 's'} in ${ns.name}.`,
    );
  }
}
