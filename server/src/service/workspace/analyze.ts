/**
 * "Analyze a set of files as one workspace", for the CLI and its worker threads. Two phases:
 *
 * 1. `crossResourcePhase` (once, in one thread): parse every file, index it, run the cross-resource
 *    checks. Returns the cross-resource diagnostics of each file.
 * 2. `checkFile` (per file, in any thread): the file's own checks (schema, CEL, Istio's rules) merged
 *    with its cross-resource diagnostics, then suppression comments and `ignore` apply.
 *
 * `analyzeWorkspace` runs both in one thread.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { IstioSettings } from '../../../../shared/src/protocol';
import type { IstioService } from '../index';

export interface WorkspaceFile {
  uri: string;
  text: string;
}

export function crossResourcePhase(
  service: IstioService,
  files: readonly WorkspaceFile[],
  settings: IstioSettings,
): Map<string, Diagnostic[]> {
  for (const f of files) service.workspace.update(service.snapshot(f.uri, 1, f.text));
  const out = new Map<string, Diagnostic[]>();
  for (const uri of service.workspace.urisWithFindings(settings)) {
    const ds = service.workspace.diagnostics(uri, settings, (c) => service.codeLink(c));
    if (ds.length) out.set(uri, ds);
  }
  return out;
}

export function checkFile(
  service: IstioService,
  file: WorkspaceFile,
  settings: IstioSettings,
  cross: readonly Diagnostic[] = [],
): Diagnostic[] {
  const snapshot = service.snapshot(file.uri, 1, file.text);
  return service.fileDiagnostics(snapshot, settings, cross);
}

export function analyzeWorkspace(
  service: IstioService,
  files: readonly WorkspaceFile[],
  settings: IstioSettings,
): Map<string, Diagnostic[]> {
  const cross = crossResourcePhase(service, files, settings);
  const out = new Map<string, Diagnostic[]>();
  for (const f of files) out.set(f.uri, checkFile(service, f, settings, cross.get(f.uri)));
  return out;
}
