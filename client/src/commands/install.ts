import * as vscode from 'vscode';
import {
  PROFILES,
  installArgs,
  manifestGenerateArgs,
  normalizeRevision,
  validateRevision,
  validateSetEntry,
  type InstallChoices,
} from '../istioctl/argv';
import { succeeded } from '../istioctl/process';
import { mentionsIstioOperator } from '../install/istioOperator';
import {
  CheckIstioOperatorRequest,
  type CheckIstioOperatorParams,
  type CheckIstioOperatorResult,
} from '../../../shared/src/protocol';
import { displayName, fileForDocument, type FileOnDisk } from './files';
import type { Workflow } from './workflow';

type Purpose = 'install' | 'generate';

interface Collected {
  choices: InstallChoices;
  file?: FileOnDisk;
  /** The profile the IstioOperator file sets, for the confirmation text. */
  fileProfile?: string;
}

const NO_FILE = 'No IstioOperator file';
const PICK_FILE = 'Choose a file…';
const ACTIVE_PREFIX = 'Active editor: ';

/** Install and manifest generation: the same choices, different ends. */
export class InstallCommands {
  constructor(private readonly w: Workflow) {}

  /** The language server checks the file (one YAML engine); without it, the file is not used. */
  private async checkOperator(text: string): Promise<CheckIstioOperatorResult> {
    try {
      return await this.w.c.request<CheckIstioOperatorParams, CheckIstioOperatorResult>(
        CheckIstioOperatorRequest,
        { text },
      );
    } catch (err) {
      return { documents: 0, problems: [{ line: 0, message: `cannot check the file: ${String(err)}` }] };
    }
  }

  async install(): Promise<void> {
    if (!this.w.requireTrust('Install')) return;
    const istioctl = await this.w.tool('istioctl');
    if (!istioctl) return;
    const kubectl = await this.w.tool('kubectl');
    if (!kubectl) return;
    const collected = await this.collect('install');
    if (!collected) return;
    try {
      const context = await this.w.currentContext(kubectl);
      if (!context) return;
      const args = installArgs(collected.choices, context);
      const profile = collected.choices.profile ?? `${collected.fileProfile ?? 'default'}, from the file`;
      const ok = await this.w.confirmClusterChange(
        `Install Istio (profile ${profile}) into the cluster of kube context "${context}"?`,
        context,
        [this.w.display(istioctl, args)],
        'Install',
      );
      if (!ok) {
        this.w.output.info('Install: not confirmed; nothing was run.');
        return;
      }
      const result = await this.w.withProgress(`Installing Istio into "${context}"`, (progress, signal) =>
        this.w.run('istioctl', istioctl, args, {
          timeoutMs: this.w.settings().installTimeoutMs,
          signal,
          logStdout: true,
          onLine: (stream, line) => {
            if (stream === 'stdout' && /^[✔✘]/.test(line.trim())) progress.report({ message: line.trim() });
          },
        }),
      );
      if (result.cancelled) {
        void vscode.window
          .showWarningMessage(
            `Istio: install into "${context}" was cancelled. The cluster may be partly changed; see the output.`,
            'Show Output',
          )
          .then((c) => c && this.w.output.show(true));
      } else if (succeeded(result)) {
        void vscode.window
          .showInformationMessage(`Istio: installed into kube context "${context}".`, 'Show Output')
          .then((c) => c && this.w.output.show(true));
      } else {
        this.w.reportFailure(`install into "${context}" failed`, result);
      }
    } finally {
      collected.file?.cleanup();
    }
  }

  async manifestGenerate(): Promise<void> {
    if (!this.w.requireTrust('Generate Manifest')) return;
    const istioctl = await this.w.tool('istioctl');
    if (!istioctl) return;
    const collected = await this.collect('generate');
    if (!collected) return;
    try {
      const args = manifestGenerateArgs(collected.choices);
      const result = await this.w.withProgress('Generating the Istio manifest', (_p, signal) =>
        this.w.run('istioctl', istioctl, args, { signal }),
      );
      if (result.cancelled) return;
      if (!succeeded(result)) {
        this.w.reportFailure('manifest generate failed', result);
        return;
      }
      this.w.output.info(`manifest generate printed ${result.stdout.length} characters.`);
      const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: result.stdout });
      await vscode.window.showTextDocument(doc, { preview: false });
    } finally {
      collected.file?.cleanup();
    }
  }

  /** The pickers: IstioOperator file, profile, revision, --set entries. Undefined when cancelled. */
  private async collect(purpose: Purpose): Promise<Collected | undefined> {
    const verb = purpose === 'install' ? 'Install' : 'Generate Manifest';
    const step = (n: number): string => `Istio: ${verb} (${n}/4)`;

    // 1. IstioOperator file
    const active = vscode.window.activeTextEditor?.document;
    const activeHoldsOperator =
      active && active.languageId === 'yaml' && mentionsIstioOperator(active.getText());
    const fileItems: vscode.QuickPickItem[] = [];
    if (activeHoldsOperator)
      fileItems.push({
        label: `${ACTIVE_PREFIX}${displayName(active.uri)}`,
        description: 'IstioOperator in the active editor',
      });
    fileItems.push(
      { label: NO_FILE, description: 'profile and --set entries only' },
      { label: PICK_FILE, description: 'an IstioOperator YAML file' },
    );
    const filePick = await vscode.window.showQuickPick(fileItems, {
      title: `${step(1)}: IstioOperator file`,
      ignoreFocusOut: true,
    });
    if (!filePick) return undefined;
    let doc: vscode.TextDocument | undefined;
    if (filePick.label.startsWith(ACTIVE_PREFIX)) doc = active;
    else if (filePick.label === PICK_FILE) {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: 'Use IstioOperator',
        filters: { YAML: ['yaml', 'yml'] },
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      });
      if (!picked?.[0]) return undefined;
      doc = await vscode.workspace.openTextDocument(picked[0]);
    }
    let fileProfile: string | undefined;
    let fileRevision: string | undefined;
    let file: FileOnDisk | undefined;
    if (doc) {
      const check = await this.checkOperator(doc.getText());
      if (check.problems.length) {
        this.reportOperatorProblems(doc, check.problems);
        return undefined;
      }
      fileProfile = check.profile;
      fileRevision = check.revision;
      file = fileForDocument(doc);
    }

    try {
      // 2. profile
      const profileItems: (vscode.QuickPickItem & { profile?: string })[] = [];
      if (doc) {
        profileItems.push({
          label: fileProfile
            ? `Keep the file's profile (${fileProfile})`
            : "Keep the file's profile (default)",
          description: 'no --set profile',
        });
      }
      for (const p of PROFILES) profileItems.push({ label: p.name, description: p.note, profile: p.name });
      const profilePick = await vscode.window.showQuickPick(profileItems, {
        title: `${step(2)}: profile`,
        ignoreFocusOut: true,
      });
      if (!profilePick) return this.abort(file);

      // 3. revision
      const rev = await vscode.window.showInputBox({
        title: `${step(3)}: revision (optional)`,
        prompt: 'A control plane revision such as canary or 1-30-3. Leave empty for none.',
        value: fileRevision ?? '',
        ignoreFocusOut: true,
        validateInput: (v) => validateRevision(v.trim()),
      });
      if (rev === undefined) return this.abort(file);

      // 4. --set entries, one at a time
      const sets: string[] = [];
      for (;;) {
        const entry = await vscode.window.showInputBox({
          title: `${step(4)}: --set entries (optional)`,
          prompt: `path=value, relative to the IstioOperator spec (for example meshConfig.accessLogFile=/dev/stdout).${
            sets.length ? ` Added: ${sets.join(' ')}.` : ''
          } Leave empty and press Enter to continue.`,
          ignoreFocusOut: true,
          validateInput: (v) => (v.trim() === '' ? undefined : validateSetEntry(v.trim())),
        });
        if (entry === undefined) return this.abort(file);
        if (entry.trim() === '') break;
        sets.push(entry.trim());
      }
      return {
        choices: {
          operatorFile: file?.path,
          profile: profilePick.profile,
          revision: normalizeRevision(rev),
          sets,
        },
        file,
        fileProfile,
      };
    } catch (err) {
      file?.cleanup();
      throw err;
    }
  }

  private abort(file: FileOnDisk | undefined): undefined {
    file?.cleanup();
    return undefined;
  }

  private reportOperatorProblems(
    doc: vscode.TextDocument,
    problems: { line: number; message: string }[],
  ): void {
    const name = displayName(doc.uri);
    this.w.output.error(`${name}: ${problems.length} problem(s) in the IstioOperator; nothing was run.`);
    for (const p of problems) this.w.output.error(`  ${name}:${p.line + 1}: ${p.message}`);
    const first = problems[0];
    void vscode.window
      .showErrorMessage(
        `Istio: ${name} is not a valid IstioOperator (${problems.length} problem${problems.length === 1 ? '' : 's'}). Line ${first.line + 1}: ${first.message}`,
        'Go to Problem',
        'Show Output',
      )
      .then(async (c) => {
        if (c === 'Show Output') this.w.output.show(true);
        else if (c === 'Go to Problem') {
          const editor = await vscode.window.showTextDocument(doc);
          const pos = new vscode.Position(first.line, 0);
          editor.selection = new vscode.Selection(pos, pos);
          editor.revealRange(new vscode.Range(pos, pos));
        }
      });
  }
}
