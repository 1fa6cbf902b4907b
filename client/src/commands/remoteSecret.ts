import * as vscode from 'vscode';
import {
  KubeconfigError,
  kubeconfigPaths,
  loadKubeconfig,
  type MergedKubeconfig,
} from '../../../server/src/cluster/kubeconfig';
import { succeeded } from '../istioctl/process';
import type { Workflow } from './workflow';

export const TITLE = 'Create Remote Secret';
export const APPLY = 'Apply to Primary Cluster…';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** istioctl's rule for `--name`: a DNS-1123 label, since it becomes part of the Secret's name. */
export function validateClusterName(name: string): string | undefined {
  if (!name) return 'Enter a cluster name.';
  if (name.length > 63) return 'At most 63 characters.';
  if (!DNS1123_LABEL.test(name))
    return 'Lower-case letters, digits and "-", starting and ending with a letter or digit (a DNS-1123 label).';
  return undefined;
}

/** A cluster name made from a context name: `gke_proj_europe-west1_prod` → `gke-proj-europe-west1-prod`. */
export function defaultClusterName(context: string): string {
  const tail = context.includes('/') ? context.slice(context.lastIndexOf('/') + 1) : context;
  const name = tail
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
  return name || 'remote';
}

/** `istioctl create-remote-secret --context=<remote> --name=<name>`. */
export function createRemoteSecretArgs(remote: string, name: string): string[] {
  return ['create-remote-secret', `--context=${remote}`, `--name=${name}`];
}

/** `kubectl apply --context=<primary> -f -`, the Secret on stdin. */
export function applyRemoteSecretArgs(primary: string): string[] {
  return ['apply', `--context=${primary}`, '-f', '-'];
}

/**
 * The kubeconfig istioctl and kubectl will read (KUBECONFIG, else ~/.kube/config), merged as kubectl
 * merges it; undefined after saying why it cannot be read.
 */
function readKubeconfig(w: Workflow): MergedKubeconfig | undefined {
  try {
    const paths = kubeconfigPaths({ KUBECONFIG: process.env.KUBECONFIG });
    const k = loadKubeconfig(paths);
    if (!k.contexts.size) throw new KubeconfigError(`no context in ${k.files.join(', ')}`, 'no-context');
    return k;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    w.output.error(`${TITLE}: ${message}`);
    void vscode.window.showErrorMessage(`Istio: cannot list the kubeconfig contexts: ${message}`);
    return undefined;
  }
}

/**
 * Istio: Create Remote Secret… — the Secret that lets the primary cluster's istiod read a remote
 * cluster's API server. The Secret holds a credential: it goes to an editor and, when asked, to
 * kubectl's stdin, and never to the output channel.
 */
export async function createRemoteSecret(w: Workflow): Promise<void> {
  if (!w.requireTrust(TITLE)) return;
  const k = readKubeconfig(w);
  if (!k) return;
  const primary = k.currentContext;
  const pick = await vscode.window.showQuickPick(
    [...k.contexts.values()].map((c) => ({
      label: c.name,
      description: c.name === primary ? 'current-context (the primary cluster)' : '',
      detail: typeof c.value.cluster === 'string' ? `cluster ${c.value.cluster}` : undefined,
    })),
    {
      title: `Istio: ${TITLE} — context of the remote cluster`,
      placeHolder: `From ${k.files.join(', ')}`,
      matchOnDescription: true,
      ignoreFocusOut: true,
    },
  );
  if (!pick) return;
  const remote = pick.label;
  const name = await vscode.window.showInputBox({
    title: `Istio: ${TITLE} — name of the remote cluster`,
    prompt: `The cluster name istiod will know context "${remote}" by (the Secret is istio-remote-secret-<name>).`,
    value: defaultClusterName(remote),
    ignoreFocusOut: true,
    validateInput: (v) => validateClusterName(v.trim()),
  });
  if (name === undefined || validateClusterName(name.trim())) return;
  const clusterName = name.trim();

  const istioctl = await w.tool('istioctl');
  if (!istioctl) return;
  const args = createRemoteSecretArgs(remote, clusterName);
  // stdout is the Secret: not logged (logStdout stays off), only the outcome and stderr are.
  const r = await w.withProgress(`Creating the remote secret of ${remote}`, (_p, signal) =>
    w.run('istioctl', istioctl, args, { signal }),
  );
  if (r.cancelled) return;
  if (!succeeded(r) || !r.stdout.trim()) {
    w.reportFailure(`istioctl create-remote-secret failed for context "${remote}"`, r);
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: r.stdout });
  await vscode.window.showTextDocument(doc, { preview: false });
  w.output.info(`${TITLE}: the Secret for cluster "${clusterName}" is open in an editor (not logged).`);

  if (!primary) {
    void vscode.window.showInformationMessage(
      `Istio: the remote secret of "${remote}" is open in an editor. The kubeconfig has no current-context, so there is no primary cluster to apply it to.`,
    );
    return;
  }
  if (primary === remote) {
    void vscode.window.showInformationMessage(
      `Istio: the remote secret of "${remote}" is open in an editor. "${remote}" is also the current context: apply it to the primary cluster of the mesh, not to the remote cluster itself.`,
    );
    return;
  }
  const offer = await vscode.window.showInformationMessage(
    `Istio: the remote secret of "${remote}" is open in an editor. Apply it to the primary cluster (context "${primary}")?`,
    APPLY,
  );
  if (offer !== APPLY) return;
  const kubectl = await w.tool('kubectl');
  if (!kubectl) return;
  const applyArgs = applyRemoteSecretArgs(primary);
  const ok = await w.confirmClusterChange(
    `Apply the remote secret of cluster "${clusterName}" to kube context "${primary}"? istiod there will then read the API server of "${remote}".`,
    primary,
    [`${w.display(kubectl, applyArgs)}   (stdin: the Secret in the editor)`],
    'Apply',
  );
  if (!ok) {
    w.output.info(`${TITLE}: apply not confirmed; nothing was run.`);
    return;
  }
  if (doc.isClosed) {
    void vscode.window.showWarningMessage('Istio: the remote secret editor was closed; nothing was applied.');
    return;
  }
  const applied = await w.withProgress(`Applying the remote secret to ${primary}`, (_p, signal) =>
    w.run('kubectl', kubectl, applyArgs, { signal, input: doc.getText(), logStdout: true }),
  );
  if (applied.cancelled) return;
  if (!succeeded(applied)) {
    w.reportFailure(`applying the remote secret to "${primary}" failed`, applied);
    return;
  }
  void vscode.window.showInformationMessage(
    `Istio: applied the remote secret of "${clusterName}" to kube context "${primary}".`,
  );
}
