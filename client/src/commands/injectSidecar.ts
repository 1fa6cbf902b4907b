import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { openSetting } from './openSetting';
import { kubeInjectArgs, type InjectFiles } from '../istioctl/argv';
import { describeInputFiles } from '../istioctl/inputFiles';
import { succeeded } from '../istioctl/process';
import type { OutputDocuments } from '../output/outputDocuments';
import { displayName, fileForDocument, openDocument, resolveSettingPath, type FileOnDisk } from './files';
import type { InjectResultView } from './settings';
import type { Workflow } from './workflow';

const BESIDE = 'Open beside';
const DIFF = 'Show as diff';

/** `istioctl kube-inject -f FILE` on the active manifest or a YAML file picked in the explorer. */
export async function injectSidecar(w: Workflow, docs: OutputDocuments, target?: vscode.Uri): Promise<void> {
  if (!w.requireTrust('Inject Sidecar')) return;
  const source = target ?? vscode.window.activeTextEditor?.document.uri;
  if (!source) {
    void vscode.window.showInformationMessage(
      'Istio: open a Kubernetes manifest, or pick a YAML file in the explorer, to inject the sidecar.',
    );
    return;
  }
  const doc = openDocument(source);
  if (!doc && source.scheme !== 'file') {
    void vscode.window.showErrorMessage(
      `Istio: ${source.toString()} is not a file on disk; istioctl needs one.`,
    );
    return;
  }
  const settings = w.settings(source);
  const injectFiles: InjectFiles = {};
  for (const key of ['injectConfigFile', 'meshConfigFile', 'valuesFile'] as const) {
    const configured = settings.inject[key];
    if (!configured) continue;
    const resolved = resolveSettingPath(configured, source);
    if (!fs.existsSync(resolved)) {
      void vscode.window
        .showErrorMessage(
          `Istio: istio.inject.${key} points at ${resolved}, which does not exist.`,
          'Open Settings',
        )
        .then((c) => c && openSetting(`istio.inject.${key}`));
      return;
    }
    injectFiles[key] = resolved;
  }
  const istioctl = await w.tool('istioctl');
  if (!istioctl) return;

  const file: FileOnDisk = doc
    ? fileForDocument(doc)
    : { path: source.fsPath, cleanup: () => undefined, temporary: false };
  const name = displayName(source);
  try {
    const args = kubeInjectArgs(file.path, injectFiles);
    for (const line of describeInputFiles('kube-inject', {
      'istio.inject.injectConfigFile': injectFiles.injectConfigFile,
      'istio.inject.meshConfigFile': injectFiles.meshConfigFile,
      'istio.inject.valuesFile': injectFiles.valuesFile,
    }))
      w.output.info(line);
    if (!injectFiles.injectConfigFile) {
      w.output.info(
        'kube-inject: no istio.inject.injectConfigFile set, so istioctl reads the injection template from the cluster.',
      );
    }
    const result = await w.withProgress(`Injecting the sidecar into ${name}`, (_p, signal) =>
      w.run('istioctl', istioctl, args, {
        signal,
        cwd: source.scheme === 'file' ? path.dirname(source.fsPath) : undefined,
      }),
    );
    if (result.cancelled) return;
    if (!succeeded(result)) {
      w.reportFailure(`kube-inject of ${name} failed`, result);
      return;
    }
    const skipped = result.stderr
      .split('\n')
      .filter((l) => l.startsWith('===>'))
      .map((l) => l.replace(/^===>\s*/, ''));
    const view = await chooseView(settings.inject.showResultAs);
    if (!view) return;
    if (view === 'diff') {
      const injected = docs.set(
        `/kube-inject/${name.replace(/\.(ya?ml)$/i, '')}.injected.yaml`,
        result.stdout,
      );
      await vscode.commands.executeCommand('vscode.diff', source, injected, `${name} ↔ sidecar injected`, {
        preview: false,
      });
    } else {
      const out = await vscode.workspace.openTextDocument({ language: 'yaml', content: result.stdout });
      await vscode.window.showTextDocument(out, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    }
    if (skipped.length)
      void vscode.window.showWarningMessage(
        `Istio: kube-inject left some workloads alone: ${skipped.join('; ')}`,
      );
  } finally {
    file.cleanup();
  }
}

async function chooseView(setting: InjectResultView): Promise<'beside' | 'diff' | undefined> {
  if (setting !== 'ask') return setting;
  const pick = await vscode.window.showQuickPick(
    [
      { label: BESIDE, description: 'the injected manifest in a new editor next to the original' },
      { label: DIFF, description: 'the original and the injected manifest side by side' },
    ],
    { title: 'Istio: show the injected manifest' },
  );
  if (!pick) return undefined;
  return pick.label === DIFF ? 'diff' : 'beside';
}
