import * as path from 'node:path';
import * as vscode from 'vscode';
import { openSetting } from './openSetting';
import type { Ctx } from '../context';
import { CURRENT_CONTEXT_ARGS, VERSION_ARGS, formatCommandLine } from '../istioctl/argv';
import {
  ProcessRegistry,
  describeOutcome,
  runProcess,
  succeeded,
  tail,
  type ProcessResult,
} from '../istioctl/process';
import { LineRedactor, redactArgs, redactText } from '../istioctl/redact';
import {
  MIN_ISTIOCTL,
  isOlderThan,
  locateTool,
  parseIstioctlVersion,
  type ToolName,
} from '../istioctl/toolPath';
import { readWorkflowSettings, type WorkflowSettings } from './settings';

/** What one process run left behind, for the test hooks (already redacted). */
export interface RunRecord {
  tool: ToolName;
  /** The arguments after the binary, redacted. */
  argv: string[];
  output: string;
  code: number | null;
  outcome: string;
}

export interface RunOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  cwd?: string;
  /** Write stdout lines to the output channel (stderr always is). Off for large machine output. */
  logStdout?: boolean;
  /** Called for each (redacted) output line, e.g. to show progress. */
  onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
  /** Written to the process's stdin (for `kubectl apply -f -`). */
  input?: string;
}

const INSTALL_GUIDE: Record<ToolName, { url: string; how: string }> = {
  istioctl: {
    url: 'https://istio.io/latest/docs/setup/getting-started/#download',
    how: 'Download it with `curl -L https://istio.io/downloadIstio | sh -` and put istio-<version>/bin on PATH',
  },
  kubectl: { url: 'https://kubernetes.io/docs/tasks/tools/', how: 'Install kubectl from kubernetes.io' },
};

/**
 * The services every istioctl/kubectl command shares: the trust gate, finding the tools, running them
 * (logged and redacted), the kube context and the cluster-change confirmation. One per activation.
 */
export class Workflow implements vscode.Disposable {
  readonly registry = new ProcessRegistry();
  readonly runs: RunRecord[] = [];
  private trustOverride: boolean | undefined;
  private readonly versionChecks = new Map<string, Promise<string | undefined>>();
  private readonly trustListeners: (() => void)[] = [];

  constructor(readonly c: Ctx) {}

  get output(): vscode.LogOutputChannel {
    return this.c.output;
  }

  settings(scope?: vscode.Uri): WorkflowSettings {
    return readWorkflowSettings(scope);
  }

  // ------------------------------------------------------------------ trust

  /** The one place that decides whether processes may run. Tests override it through a test-only command. */
  isTrusted(): boolean {
    return this.trustOverride ?? vscode.workspace.isTrusted;
  }

  setTrustOverride(value: boolean | undefined): void {
    this.trustOverride = value;
    this.trustChanged();
  }

  onTrustChanged(listener: () => void): void {
    this.trustListeners.push(listener);
  }

  trustChanged(): void {
    for (const l of this.trustListeners) l();
  }

  /** False, after saying why, when the workspace is not trusted. Nothing may be spawned then. */
  requireTrust(title: string): boolean {
    if (this.isTrusted()) return true;
    this.output.warn(`${title}: refused because the workspace is not trusted.`);
    void vscode.window
      .showWarningMessage(
        `Istio: "${title}" is disabled because this workspace is not trusted. It runs istioctl or kubectl, and a workspace you have not trusted could influence what they do. Trust the workspace to enable it.`,
        'Manage Workspace Trust',
      )
      .then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
    return false;
  }

  // ------------------------------------------------------------------ tools

  /**
   * The path of `tool`, or undefined after telling the user how to install it or set its path. For
   * istioctl, the version is checked once per binary and a warning shown when it is older than 1.22.
   */
  async tool(tool: ToolName): Promise<string | undefined> {
    const s = this.settings();
    const loc = locateTool(tool, tool === 'istioctl' ? s.istioctlPath : s.kubectlPath);
    if (!loc.found) {
      this.output.error(loc.reason);
      const guide = INSTALL_GUIDE[tool];
      void vscode.window
        .showErrorMessage(
          `Istio: ${loc.reason} ${guide.how}, or set istio.${tool}.path.`,
          'Set path…',
          'Installation Guide',
        )
        .then((choice) => {
          if (choice === 'Set path…') void openSetting(`istio.${tool}.path`);
          else if (choice === 'Installation Guide') void vscode.env.openExternal(vscode.Uri.parse(guide.url));
        });
      return undefined;
    }
    if (tool === 'istioctl') await this.checkIstioctlVersion(loc.path);
    return loc.path;
  }

  private checkIstioctlVersion(binary: string): Promise<string | undefined> {
    let check = this.versionChecks.get(binary);
    if (!check) {
      check = this.run('istioctl', binary, VERSION_ARGS, { logStdout: true }).then((r) => {
        const version = succeeded(r) ? parseIstioctlVersion(r.stdout) : undefined;
        if (!version) {
          this.output.warn(`Could not read the version of ${binary} (${describeOutcome(r)}).`);
          this.versionChecks.delete(binary);
          return undefined;
        }
        this.output.info(`istioctl ${version} at ${binary}`);
        if (isOlderThan(version, MIN_ISTIOCTL[0], MIN_ISTIOCTL[1])) {
          void vscode.window
            .showWarningMessage(
              `Istio: istioctl ${version} (${binary}) is older than ${MIN_ISTIOCTL.join('.')}. These commands were written for 1.22 and newer; some may fail or behave differently. Install a newer istioctl or point istio.istioctl.path at one.`,
              'Set path…',
            )
            .then((c) => c && openSetting('istio.istioctl.path'));
        }
        return version;
      });
      this.versionChecks.set(binary, check);
    }
    return check;
  }

  forgetTools(): void {
    this.versionChecks.clear();
  }

  // ------------------------------------------------------------------ running

  /** The folder processes run in: the first workspace folder on disk, if any. */
  defaultCwd(): string | undefined {
    return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath;
  }

  /**
   * Runs `binary args` (no shell), logging the redacted command line, stderr (and stdout if asked) and
   * the outcome to the Istio output channel. Refuses, without spawning, when the workspace is untrusted.
   */
  async run(
    tool: ToolName,
    binary: string,
    args: readonly string[],
    opts: RunOptions = {},
  ): Promise<ProcessResult> {
    const shown = formatCommandLine(binary, redactArgs(args));
    const logged: string[] = [];
    if (!this.isTrusted()) {
      // Defence in depth: commands check trust first, but nothing may ever start here untrusted.
      throw new Error('the workspace is not trusted');
    }
    this.output.info(`$ ${shown}`);
    const redactors = { stdout: new LineRedactor(), stderr: new LineRedactor() };
    const result = await runProcess(
      binary,
      args,
      {
        timeoutMs: opts.timeoutMs ?? this.settings().commandTimeoutMs,
        signal: opts.signal,
        input: opts.input,
        cwd: opts.cwd ?? this.defaultCwd(),
        onLine: (stream, raw) => {
          const line = redactors[stream].line(raw);
          if (stream === 'stderr' || opts.logStdout) {
            logged.push(line);
            this.output.info(stream === 'stderr' ? `stderr: ${line}` : line);
          }
          opts.onLine?.(stream, line);
        },
      },
      this.registry,
    );
    const outcome = describeOutcome(result);
    if (succeeded(result))
      this.output.info(`${path.basename(binary)} finished (${outcome}, ${result.durationMs} ms).`);
    else this.output.error(`${path.basename(binary)} failed: ${outcome}.`);
    this.runs.push({ tool, argv: redactArgs(args), output: logged.join('\n'), code: result.code, outcome });
    if (this.runs.length > 100) this.runs.splice(0, this.runs.length - 100);
    return result;
  }

  /** The current kube context, or undefined after showing why there is none. */
  async currentContext(kubectl: string, signal?: AbortSignal): Promise<string | undefined> {
    const r = await this.run('kubectl', kubectl, CURRENT_CONTEXT_ARGS, { logStdout: true, signal });
    const ctx = r.stdout.trim();
    if (succeeded(r) && ctx) return ctx;
    if (!r.cancelled) this.reportFailure('cannot tell the current kube context', r);
    return undefined;
  }

  /** A modal confirmation that names the context and shows the exact command. True when confirmed. */
  async confirmClusterChange(
    question: string,
    context: string,
    commandLines: string[],
    confirmLabel: string,
  ): Promise<boolean> {
    const detail = `Kube context: ${context}\n\nThis runs:\n${commandLines.join('\n')}`;
    const choice = await vscode.window.showWarningMessage(question, { modal: true, detail }, confirmLabel);
    return choice === confirmLabel;
  }

  /** A command line for a dialog: the tool's name and the redacted arguments. */
  display(binary: string, args: readonly string[]): string {
    return formatCommandLine(path.basename(binary), redactArgs(args));
  }

  /** Error notification with the outcome and the tail of stderr, offering the output channel. */
  reportFailure(what: string, r: ProcessResult): void {
    const errTail = redactText(tail(r.stderr || r.stdout, 6));
    const message = `Istio: ${what} (${describeOutcome(r)}).${errTail ? `\n${errTail}` : ''}`;
    void vscode.window.showErrorMessage(message, 'Show Output').then((c) => c && this.output.show(true));
  }

  /** A progress notification with a Cancel button wired to an AbortSignal. */
  withProgress<T>(
    title: string,
    task: (
      progress: vscode.Progress<{ message?: string; increment?: number }>,
      signal: AbortSignal,
    ) => Promise<T>,
  ): Thenable<T> {
    return vscode.window.withProgress<T>(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        if (token.isCancellationRequested) abort.abort();
        return task(progress, abort.signal).finally(() => {
          sub.dispose();
        });
      },
    );
  }

  dispose(): void {
    this.registry.killAll();
  }
}
