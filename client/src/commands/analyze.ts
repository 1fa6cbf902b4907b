import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { describeInputFiles } from '../istioctl/inputFiles';
import type { AnalyzeDiagnostics } from '../analyze/diagnostics';
import { looksLikeManifest, resourceLocations, type ResourceLocation } from '../analyze/resources';
import { ResourcesRequest, type ResourcesParams, type ResourcesResult } from '../../../shared/src/protocol';
import {
  formatMessage,
  levelOf,
  parseAnalyzeJson,
  placeMessages,
  type AnalyzeMessage,
} from '../analyze/results';
import { analyzeArgs, type AnalyzeScope } from '../istioctl/argv';
import { resolveSettingPath } from './files';
import { listNamespaces, pickNamespace } from './namespaceInjection';
import type { Workflow } from './workflow';

const MAX_FILES = 2000;
const MAX_FILE_BYTES = 5 * 1024 * 1024;

interface Manifests {
  files: string[];
  resources: ResourceLocation[];
  unsaved: number;
}

/** The Kubernetes YAML files of the workspace (on disk), with the resources they hold. */
async function workspaceManifests(w: Workflow): Promise<Manifests> {
  const uris = await vscode.workspace.findFiles(
    '**/*.{yaml,yml}',
    '{**/node_modules/**,**/.git/**,**/.artifacts/**,**/.cache/**}',
    MAX_FILES,
  );
  const files: string[] = [];
  const resources: ResourceLocation[] = [];
  for (const uri of uris
    .filter((u) => u.scheme === 'file')
    .sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
    let text: string;
    try {
      if ((await fs.promises.stat(uri.fsPath)).size > MAX_FILE_BYTES) continue;
      text = await fs.promises.readFile(uri.fsPath, 'utf8');
    } catch {
      continue;
    }
    if (!looksLikeManifest(text)) continue;
    files.push(uri.fsPath);
    // The language server reads the YAML (one engine); without it, results stay unplaced.
    const found = await w.c
      .request<ResourcesParams, ResourcesResult>(ResourcesRequest, { uri: uri.toString(), text })
      .catch(() => undefined);
    resources.push(...resourceLocations(uri.fsPath, found?.resources ?? []));
  }
  const set = new Set(files);
  const unsaved = vscode.workspace.textDocuments.filter((d) => d.isDirty && set.has(d.uri.fsPath)).length;
  return { files, resources, unsaved };
}

/** `istioctl analyze -o json` on the workspace files, a namespace or the whole cluster; results go to Problems. */
export async function analyze(w: Workflow, diagnostics: AnalyzeDiagnostics): Promise<void> {
  if (!w.requireTrust('Analyze')) return;
  const scopePick = await vscode.window.showQuickPick(
    [
      {
        label: 'Workspace files',
        description: 'offline: the Kubernetes YAML files of this workspace',
        scope: 'files' as const,
      },
      { label: 'Namespace…', description: 'one namespace of the live cluster', scope: 'namespace' as const },
      { label: 'All namespaces', description: 'the whole live cluster (-A)', scope: 'all' as const },
    ],
    { title: 'Istio: Analyze', ignoreFocusOut: true },
  );
  if (!scopePick) return;
  const istioctl = await w.tool('istioctl');
  if (!istioctl) return;

  const manifests = await workspaceManifests(w);
  let scope: AnalyzeScope;
  if (scopePick.scope === 'files') {
    if (!manifests.files.length) {
      void vscode.window.showInformationMessage(
        'Istio: this workspace has no Kubernetes YAML files (with apiVersion and kind) to analyze.',
      );
      return;
    }
    scope = { kind: 'files', files: manifests.files };
  } else if (scopePick.scope === 'namespace') {
    const kubectl = await w.tool('kubectl');
    if (!kubectl) return;
    const namespaces = await listNamespaces(w, kubectl);
    if (!namespaces) return;
    const ns = await pickNamespace(namespaces, 'Istio: namespace to analyze');
    if (!ns) return;
    scope = { kind: 'namespace', namespace: ns.name };
  } else scope = { kind: 'all' };

  const meshConfig = w.settings().analyzeMeshConfigFile;
  const meshConfigPath = meshConfig ? resolveSettingPath(meshConfig) : undefined;
  for (const line of describeInputFiles('analyze', { 'istio.analyze.meshConfigFile': meshConfigPath }))
    w.output.info(line);
  const args = analyzeArgs(scope, meshConfigPath);
  const result = await w.withProgress('Running istioctl analyze', (_p, signal) =>
    w.run('istioctl', istioctl, args, { signal }),
  );
  if (result.cancelled) return;
  // With -o json the exit code is 0 even when there are findings: the JSON is the result.
  let messages: AnalyzeMessage[];
  try {
    messages = parseAnalyzeJson(result.stdout);
  } catch {
    w.reportFailure('istioctl analyze did not produce results', result);
    return;
  }
  if (result.code === 65) {
    void vscode.window
      .showWarningMessage(
        'Istio: istioctl could not parse some files; they were left out of the analysis. See the output.',
        'Show Output',
      )
      .then((c) => c && w.output.show(true));
  } else if (result.code !== 0) {
    w.reportFailure('istioctl analyze reported an error', result);
  }

  const { placed, unplaced } = placeMessages(messages, {
    cwd: w.defaultCwd(),
    resources: manifests.resources,
  });
  diagnostics.replace(placed);
  w.output.info(`istioctl analyze: ${messages.length} message(s).`);
  for (const m of messages) w.output.info(`  ${formatMessage(m)}`);

  const count = (l: string): number => messages.filter((m) => levelOf(m) === l).length;
  if (!messages.length) {
    void vscode.window.showInformationMessage('Istio: istioctl analyze found no issues.');
    return;
  }
  const parts = [`${count('error')} error(s)`, `${count('warning')} warning(s)`, `${count('info')} info`];
  const elsewhere = unplaced.length
    ? ` ${unplaced.length} concern cluster resources that are not in the workspace (see the output).`
    : '';
  void vscode.window
    .showInformationMessage(
      `Istio: istioctl analyze found ${parts.join(', ')}.${elsewhere}${manifests.unsaved ? ' Unsaved changes were not analyzed.' : ''}`,
      'Show Problems',
      'Show Output',
    )
    .then((c) => {
      if (c === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
      else if (c === 'Show Output') w.output.show(true);
    });
}
