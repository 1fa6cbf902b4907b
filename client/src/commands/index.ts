import * as vscode from 'vscode';
import type { Ctx } from '../context';
import { AnalyzeDiagnostics } from '../analyze/diagnostics';
import { OUTPUT_SCHEME, OutputDocuments } from '../output/outputDocuments';
import { redactError, redactText } from '../istioctl/redact';
import { SHIFT_TRAFFIC, ShiftTrafficCodeLens } from '../traffic/codeLens';
import { analyze } from './analyze';
import { injectSidecar } from './injectSidecar';
import { InstallCommands } from './install';
import { enableNamespaceInjection } from './namespaceInjection';
import { proxyConfig, proxyStatus } from './proxy';
import { createRemoteSecret } from './remoteSecret';
import { shiftTraffic } from './shiftTraffic';
import { registerTestHooks } from './testHooks';
import { Workflow } from './workflow';

/**
 * Registers the istioctl workflow: the commands, the analyze diagnostics, the `istio-output:` documents
 * and the Shift Traffic CodeLens. Everything is owned by `c`.
 */
export function registerCommands(c: Ctx): void {
  const w = new Workflow(c);
  const docs = new OutputDocuments();
  const diagnostics = new AnalyzeDiagnostics();
  const install = new InstallCommands(w);
  const lens = new ShiftTrafficCodeLens(c, (doc) => w.settings(doc.uri).shiftTrafficCodeLens);
  c.push(c.onReady(() => lens.refresh()));

  /** Every command logs and shows an unexpected error instead of failing silently. */
  const command = (id: string, run: (...args: unknown[]) => Promise<void>): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        await run(...args);
      } catch (err) {
        const message = redactText(err instanceof Error ? err.message : String(err));
        c.output.error(`${id} failed: ${redactError(err)}`);
        void vscode.window
          .showErrorMessage(`Istio: ${message}`, 'Show Output')
          .then((x) => x && c.output.show(true));
      }
    });

  w.onTrustChanged(() => lens.refresh());
  w.trustChanged();

  c.push(
    w,
    docs,
    diagnostics,
    lens,
    vscode.workspace.registerTextDocumentContentProvider(OUTPUT_SCHEME, docs),
    vscode.languages.registerCodeLensProvider(
      [
        { language: 'yaml', scheme: 'file' },
        { language: 'yaml', scheme: 'untitled' },
      ],
      lens,
    ),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      c.output.info('The workspace is now trusted: the istioctl and kubectl commands are enabled.');
      w.trustChanged();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('istio.istioctl.path') || e.affectsConfiguration('istio.kubectl.path'))
        w.forgetTools();
      if (e.affectsConfiguration('istio.shiftTraffic.codeLens')) lens.refresh();
    }),
    command('istio.install', () => install.install()),
    command('istio.manifestGenerate', () => install.manifestGenerate()),
    command('istio.injectSidecar', (uri) =>
      injectSidecar(w, docs, uri instanceof vscode.Uri ? uri : undefined),
    ),
    command('istio.enableNamespaceInjection', () => enableNamespaceInjection(w)),
    command('istio.analyze', () => analyze(w, diagnostics)),
    command('istio.proxyStatus', () => proxyStatus(w, docs)),
    command('istio.proxyConfig', () => proxyConfig(w, docs)),
    command('istio.createRemoteSecret', () => createRemoteSecret(w)),
    command(SHIFT_TRAFFIC, (uri, ref) => shiftTraffic(w, uri instanceof vscode.Uri ? uri : undefined, ref)),
    ...registerTestHooks(w),
  );
}
