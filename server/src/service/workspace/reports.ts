/**
 * Diagnostic reports with result ids, for pull diagnostics (document and workspace). A report is
 * recomputed only when the file's snapshot or its cross-resource findings changed; its result id
 * changes only when its diagnostics did, so the client is told "unchanged" otherwise.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { IstioSettings } from '../../../../shared/src/protocol';
import type { FileSnapshot } from '../documentStore';
import type { IstioService } from '../index';

export interface Report {
  resultId: string;
  items: Diagnostic[];
}

interface Entry {
  snapshot: FileSnapshot;
  cross: unknown;
  settings: IstioSettings;
  report: Report;
}

export class ReportCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped when the client forgets a file's diagnostics (it closed), so the next report is sent in full. */
  private readonly generations = new Map<string, number>();

  constructor(private readonly service: IstioService) {}

  report(file: FileSnapshot, settings: IstioSettings): Report {
    const cross = this.service.workspace.findings(settings).get(file.uri);
    const e = this.entries.get(file.uri);
    if (e && e.snapshot === file && e.cross === cross && e.settings === settings) return e.report;
    const items = this.service.workspaceDiagnostics(file, settings);
    const hash = createHash('sha1').update(JSON.stringify(items)).digest('hex').slice(0, 16);
    const report = { resultId: `${hash}.${this.generations.get(file.uri) ?? 0}`, items };
    this.entries.set(file.uri, { snapshot: file, cross, settings, report });
    return report;
  }

  /** The client dropped what it had for this file. */
  forget(uri: string): void {
    this.generations.set(uri, (this.generations.get(uri) ?? 0) + 1);
    this.entries.delete(uri);
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
