/**
 * The workspace side of the language server: reads the YAML files of the workspace folders into the
 * engine's index (with progress, in batches), keeps it current from file watchers and open
 * documents, and answers pull diagnostics for every file (document and workspace reports, one model,
 * `interFileDependencies: true`). When anything changes, the client is asked to pull again; files
 * whose diagnostics did not change answer "unchanged".
 */
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  WatchKind,
  type CancellationToken,
  type Connection,
  type DocumentDiagnosticReport,
  type TextDocuments,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { IstioSettings } from '../../../shared/src/protocol';
import type { IstioService } from '../service/index';
import { ReportCache } from '../service/workspace/reports';
import { maskSecretValues } from '../service/workspace/secretValues';
import { excludeMatchers, isExcluded, yamlFiles } from '../workspace/folders';
import { cancelledBeforeStart, requestCancelled, superseded } from './cancellation';
import { guard } from './guard';

export interface WorkspaceDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: () => IstioService | undefined;
  /** Settings of one document; `undefined` for the workspace as a whole. */
  settings: (uri: string | undefined) => Promise<IstioSettings>;
  log: (message: string) => void;
}

/** Files larger than this are indexed as empty (their own diagnostic says why). */
const MAX_INDEXED_BYTES = 5 * 1024 * 1024;
/** Files read ahead of the one being indexed while the workspace is read. */
const READ_AHEAD = 4;

export class WorkspaceFeature {
  private reports?: ReportCache;
  private folders: string[] = [];
  private rootUris: string[] = [];
  private matchers: RegExp[] = [];
  private refreshTimer?: NodeJS.Timeout;
  /** A change came while the refresh timer ran: wake the workspace report again when it ends. */
  private refreshPending = false;
  private readonly waiters = new Set<() => void>();
  private reading = false;
  /** Settings changed while the workspace was being read: read it again once that read stops. */
  private readAgain = false;
  /** readInputs().key of the latest read. */
  private readKey?: string;
  private version = 0;
  /**
   * The newest disk read started per file. Reads of one file can overlap (the workspace read, a
   * watcher event, a closed editor) and finish in any order; only the one started last may update
   * the index, so a file created empty and then written is never left indexed empty.
   */
  private readonly lastRead = new Map<string, number>();
  private readCounter = 0;
  /** The file istio.mesh.configFile names, when set: re-read when the watcher reports it changed. */
  private meshConfigPath?: string;

  constructor(private readonly deps: WorkspaceDeps) {}

  private get service(): IstioService | undefined {
    const s = this.deps.service();
    if (s && !this.reports) this.reports = new ReportCache(s);
    return s;
  }

  register(): void {
    const { connection, documents, log } = this.deps;
    documents.onDidChangeContent((e) => {
      const s = this.service;
      if (!s) return;
      s.workspace.update(s.snapshot(e.document.uri, e.document.version, e.document.getText()));
      this.changed();
    });
    documents.onDidClose((e) => {
      this.reports?.forget(e.document.uri);
      void this.reread(e.document.uri).finally(() => this.changed());
    });
    const watched = guard(
      'didChangeWatchedFiles',
      log,
      undefined,
      async (params: { changes: { uri: string; type: FileChangeType }[] }) => {
        for (const c of params.changes) {
          if (c.uri.startsWith('file:') && fileURLToPath(c.uri) === this.meshConfigPath)
            await this.loadMeshConfig();
          if (documents.get(c.uri)) continue;
          if (c.type === FileChangeType.Created && (await this.readNewFolder(c.uri))) continue;
          if (c.type === FileChangeType.Deleted) {
            this.lastRead.delete(c.uri); // a read still under way must not bring the file back
            this.service?.workspace.remove(c.uri);
            this.service?.close(c.uri);
            this.reports?.delete(c.uri);
          } else await this.reread(c.uri);
        }
        this.changed();
      },
    );
    connection.onDidChangeWatchedFiles((params) => void watched(params));
    connection.onDefinition(
      guard('definition', log, [], async (params) => {
        const s = this.service;
        const doc = documents.get(params.textDocument.uri);
        if (!s || !doc) return [];
        const file = s.snapshot(doc.uri, doc.version, doc.getText());
        s.workspace.update(file);
        return s.workspace.definition(file, params.position, await this.deps.settings(doc.uri));
      }),
    );
    connection.onReferences(
      guard('references', log, [], async (params) => {
        const s = this.service;
        const doc = documents.get(params.textDocument.uri);
        if (!s || !doc) return [];
        const file = s.snapshot(doc.uri, doc.version, doc.getText());
        s.workspace.update(file);
        return s.workspace.references(file, params.position, await this.deps.settings(doc.uri));
      }),
    );
    connection.languages.diagnostics.on(
      guard('diagnostics', log, EMPTY, async (params, token) => {
        // A pending $/cancelRequest is let in first; a cancelled pull is dropped before any work.
        if (await cancelledBeforeStart(token)) return requestCancelled();
        const s = this.service;
        const uri = params.textDocument.uri;
        const version = documents.get(uri)?.version;
        const settings = await this.deps.settings(uri);
        // A newer version arrived while the settings were read: drop this one, the client asks again.
        if (token.isCancellationRequested) return requestCancelled();
        if (documents.get(uri)?.version !== version) return superseded();
        const doc = documents.get(uri);
        if (!s || !doc || !this.reports) return EMPTY;
        const file = s.snapshot(doc.uri, doc.version, doc.getText());
        s.workspace.update(file);
        const report = this.reports.report(file, settings);
        if (params.previousResultId === report.resultId)
          return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId };
        return { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: report.items };
      }),
    );
    connection.languages.diagnostics.onWorkspace(
      guard(
        'workspaceDiagnostics',
        log,
        { items: [] },
        async (params, token): Promise<WorkspaceDiagnosticReport> => {
          const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
          // Long poll: answer at once when something differs from what the client has, else wait for a change.
          for (;;) {
            const items = await this.workspaceReport(previous);
            if (
              items.some((i) => i.kind === DocumentDiagnosticReportKind.Full) ||
              token.isCancellationRequested
            )
              return { items };
            await this.nextChange(token);
            if (token.isCancellationRequested) return { items: [] };
          }
        },
      ),
    );
  }

  /** The workspace folders, from the initialize request. */
  setFolders(uris: readonly string[]): void {
    this.rootUris = uris.filter((u) => u.startsWith('file:')).map((u) => (u.endsWith('/') ? u : `${u}/`));
    this.folders = uris.flatMap((u) =>
      u.startsWith('file:') ? [fileURLToPath(u).replace(/[\\/]$/, '')] : [],
    );
  }

  /** Called once the client is initialized: watch files and read the workspace folders. */
  async start(): Promise<void> {
    const { connection, log } = this.deps;
    const engine = this.service?.workspace;
    if (engine) engine.index.roots = this.rootUris;
    connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/*.{yaml,yml}' },
          { globPattern: '**/Kustomization' },
          // New folders too: a file watcher can miss files written into a folder it has only just
          // started to watch (git checkout, a copied tree), so a new folder is read as a whole.
          { globPattern: '**/*', kind: WatchKind.Create },
        ],
      })
      .catch((err: unknown) => log(`cannot watch files: ${String(err)}`));
    await this.readAll();
  }

  /** Reads every YAML file of the workspace folders, in batches, with progress. */
  async readAll(): Promise<void> {
    if (!this.folders.length) return;
    if (this.reading) {
      // VS Code sends a configuration change as the client starts, often during the first read: the
      // read under way goes on unless what it reads by (the excludes, the mesh config file) changed.
      // Then it stops at its next batch and a new read follows.
      const { key } = await this.readInputs();
      if (key !== this.readKey) {
        if (this.reading) this.readAgain = true;
        else await this.readAll();
      }
      return;
    }
    this.reading = true;
    this.readAgain = false;
    const { connection, log } = this.deps;
    const { settings, filesExclude, key } = await this.readInputs();
    this.readKey = key;
    this.matchers = excludeMatchers(filesExclude, settings.workspace?.exclude ?? []);
    // Files indexed before that the exclude settings now skip leave the index.
    const s = this.service;
    for (const uri of s?.workspace.index.uris() ?? [])
      if (uri.startsWith('file:') && !this.deps.documents.get(uri) && this.skipped(fileURLToPath(uri))) {
        s?.workspace.remove(uri);
        s?.close(uri);
      }
    await this.readMeshConfig(settings.mesh?.configFile ?? '');
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('Istio: reading the workspace', 0, undefined, true);
    let count = 0;
    try {
      for (const root of this.folders) {
        for await (const batch of yamlFiles(
          root,
          this.matchers,
          () => this.readAgain || !!progress?.token.isCancellationRequested,
        )) {
          await this.rereadBatch(batch);
          count += batch.length;
          progress?.report(`${count} files`);
          this.changed();
          // Let requests in between batches.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    } catch (err) {
      log(`reading the workspace failed: ${String(err)}`);
    } finally {
      progress?.done();
      this.reading = false;
      this.changed();
    }
    if (this.readAgain) await this.readAll();
  }

  /** The settings a workspace read depends on, and a key that changes when any of them does. */
  private async readInputs(): Promise<{ settings: IstioSettings; filesExclude: unknown; key: string }> {
    const settings = await this.deps.settings(undefined);
    let filesExclude: unknown;
    try {
      filesExclude = await this.deps.connection.workspace.getConfiguration('files.exclude');
    } catch {
      filesExclude = undefined;
    }
    const key = JSON.stringify([filesExclude, settings.workspace?.exclude, settings.mesh?.configFile]);
    return { settings, filesExclude, key };
  }

  /** istio.mesh.configFile: a MeshConfig YAML file, relative to the first workspace folder. */
  private async readMeshConfig(file: string): Promise<void> {
    this.meshConfigPath = !file
      ? undefined
      : isAbsolute(file) || !this.folders.length
        ? file
        : join(this.folders[0], file);
    await this.loadMeshConfig();
  }

  private async loadMeshConfig(): Promise<void> {
    const s = this.service;
    if (!s) return;
    const path = this.meshConfigPath;
    if (!path) {
      s.workspace.setMeshConfig(undefined);
      return;
    }
    try {
      s.workspace.setMeshConfig(await readFile(path, 'utf8'));
    } catch (err) {
      this.deps.log(`istio.mesh.configFile: cannot read ${path}: ${(err as Error).message}`);
      s.workspace.setMeshConfig(undefined);
    }
  }

  /**
   * Indexes a batch of files in order, reading a few files ahead so that the disk reads overlap the
   * parsing (at most READ_AHEAD reads in flight, so at most that many file contents wait in memory).
   */
  private async rereadBatch(paths: readonly string[]): Promise<void> {
    const reads: ({ read: Promise<Buffer>; ticket: number } | undefined)[] = [];
    const start = (i: number): void => {
      if (i >= paths.length || reads[i]) return;
      const ticket = this.startRead(pathToFileURL(paths[i]).toString());
      const read = readFile(paths[i]);
      // Handled where it is awaited; this only keeps a read that is never awaited from going unhandled.
      read.catch(() => undefined);
      reads[i] = { read, ticket };
    };
    for (let i = 0; i < Math.min(READ_AHEAD, paths.length); i++) start(i);
    for (let i = 0; i < paths.length; i++) {
      start(i + READ_AHEAD);
      await this.reread(pathToFileURL(paths[i]).toString(), reads[i]);
      reads[i] = undefined;
    }
  }

  /**
   * Reads every YAML file below a folder that has just been created; false when `uri` is not a folder
   * of the workspace that the index reads (then the event is a file's).
   */
  private async readNewFolder(uri: string): Promise<boolean> {
    if (!uri.startsWith('file:') || /\.ya?ml$|\/Kustomization$/i.test(uri)) return false;
    const path = fileURLToPath(uri);
    const root = this.folders.find((f) => path.startsWith(f) && /^[\\/]./.test(path.slice(f.length)));
    if (!root) return true;
    const rel = path.slice(root.length + 1).split(/[\\/]/);
    if (rel.some((p) => p === 'node_modules' || p === '.git') || isExcluded(rel.join('/'), this.matchers))
      return true;
    try {
      if (!(await stat(path)).isDirectory()) return true;
    } catch {
      return true;
    }
    for await (const batch of yamlFiles(path, this.matchers, () => false)) await this.rereadBatch(batch);
    return true;
  }

  /** Marks the start of a disk read of `uri` (or its removal); returns the read's ticket. */
  private startRead(uri: string): number {
    const ticket = ++this.readCounter;
    this.lastRead.set(uri, ticket);
    return ticket;
  }

  /** True when no read of `uri` started after the one with this ticket. */
  private isLatestRead(uri: string, ticket: number): boolean {
    return this.lastRead.get(uri) === ticket;
  }

  /** Indexes a file from disk (unless it is open: the editor's text wins). */
  private async reread(uri: string, started?: { read: Promise<Buffer>; ticket: number }): Promise<void> {
    const ticket = started?.ticket ?? this.startRead(uri);
    try {
      await this.rereadOnce(uri, ticket, started?.read);
    } finally {
      if (this.isLatestRead(uri, ticket)) this.lastRead.delete(uri);
    }
  }

  private async rereadOnce(uri: string, ticket: number, read?: Promise<Buffer>): Promise<void> {
    const s = this.service;
    if (!s || this.deps.documents.get(uri) || !uri.startsWith('file:')) return;
    const path = fileURLToPath(uri);
    if (this.skipped(path)) {
      s.workspace.remove(uri);
      return;
    }
    let text: string | undefined;
    try {
      const buf = await (read ?? readFile(path));
      text = buf.length > MAX_INDEXED_BYTES ? '' : buf.toString('utf8');
    } catch {
      text = undefined;
    }
    // A newer read of the file, its deletion, or its opening in the editor happened meanwhile.
    if (!this.isLatestRead(uri, ticket) || this.deps.documents.get(uri)) return;
    if (text === undefined) {
      s.workspace.remove(uri);
      s.close(uri);
      return;
    }
    // Secrets' values are masked before the index keeps the text (their names and types stay).
    s.workspace.update(s.snapshot(uri, ++this.version, maskSecretValues(text)));
  }

  /** Not YAML, outside every workspace folder, under node_modules or .git, or excluded by the settings. */
  private skipped(path: string): boolean {
    const root = this.folders.find((f) => path.startsWith(f) && /^[\\/]./.test(path.slice(f.length)));
    if (!root || !/(\.ya?ml|[\\/]Kustomization)$/i.test(path)) return true;
    const rel = path.slice(root.length + 1).split(/[\\/]/);
    return rel.some((p) => p === 'node_modules' || p === '.git') || isExcluded(rel.join('/'), this.matchers);
  }

  private async workspaceReport(previous: Map<string, string>): Promise<WorkspaceDocumentDiagnosticReport[]> {
    const s = this.service;
    if (!s || !this.reports) return [];
    const settings = await this.deps.settings(undefined);
    // Open files only: clear what the client still shows for closed files (once; then nothing to say).
    if (settings.validation.scope === 'openFiles')
      return [...previous].flatMap(([uri, id]): WorkspaceDocumentDiagnosticReport[] =>
        id === CLEARED || this.deps.documents.get(uri)
          ? []
          : [{ uri, version: null, kind: DocumentDiagnosticReportKind.Full, resultId: CLEARED, items: [] }],
      );
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    for (const uri of s.workspace.index.uris()) {
      if (this.deps.documents.get(uri)) continue;
      const file = s.workspace.index.snapshot(uri);
      if (!file) continue;
      const report = this.reports.report(file, settings);
      if (previous.get(uri) === report.resultId)
        items.push({
          uri,
          version: null,
          kind: DocumentDiagnosticReportKind.Unchanged,
          resultId: report.resultId,
        });
      else
        items.push({
          uri,
          version: null,
          kind: DocumentDiagnosticReportKind.Full,
          resultId: report.resultId,
          items: report.items,
        });
    }
    // Files the client still has diagnostics for but that left the index: clear them.
    for (const uri of previous.keys())
      if (!s.workspace.index.has(uri) && !this.deps.documents.get(uri))
        items.push({ uri, version: null, kind: DocumentDiagnosticReportKind.Full, items: [] });
    return items;
  }

  private nextChange(token: CancellationToken): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.waiters.delete(done);
        sub.dispose();
        resolve();
      };
      const sub = token.onCancellationRequested(done);
      this.waiters.add(done);
    });
  }

  /**
   * Something in the index changed: wake the workspace report (the long poll) and ask the client to
   * pull again. A long poll held open is answered at once for the first change after a quiet spell;
   * changes within REFRESH_MS of it (typing, a workspace read in batches) wait until that time is up.
   * The client's refresh is sent once at the end of that time, so it pulls at most once per REFRESH_MS.
   */
  changed(): void {
    if (this.refreshTimer) {
      this.refreshPending = true;
      return;
    }
    this.wake();
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      if (this.refreshPending) this.wake();
      this.refreshPending = false;
      try {
        // Typed void, but it is the client's answer: a client without refresh support rejects it.
        const answer = this.deps.connection.languages.diagnostics.refresh() as unknown;
        if (answer instanceof Promise) answer.catch(() => undefined);
      } catch {
        // the client cannot refresh: it pulls on its own schedule
      }
    }, REFRESH_MS);
  }

  /** Answers the workspace reports waiting for a change. */
  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}

/** At most one refresh of the client's diagnostics per this many milliseconds. */
const REFRESH_MS = 150;

/** resultId of a closed file's report cleared under istio.validation.scope "openFiles". */
const CLEARED = 'cleared';

const EMPTY: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
