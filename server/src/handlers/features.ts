import {
  DocumentDiagnosticReportKind,
  type Connection,
  type DocumentDiagnosticReport,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { IstioService } from '../service/index';
import type { FileSnapshot } from '../service/documentStore';
import type { IstioSettings } from '../../../shared/src/protocol';
import { cancelledBeforeStart, requestCancelled, superseded } from './cancellation';
import { guard } from './guard';

export interface HandlerDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: IstioService;
  settings: (uri: string) => Promise<IstioSettings>;
  log: (message: string) => void;
}

const EMPTY_REPORT: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };

/** Registers the LSP features. Each handler finds the document, calls the engine, returns LSP types. */
export function registerFeatures(deps: HandlerDeps): void {
  const { connection, documents, log } = deps;
  // The engine is created during initialize, after registration: read it when a request arrives.
  const service = (): IstioService => deps.service;
  const snapshot = (uri: string): FileSnapshot | undefined => {
    const doc = documents.get(uri);
    return doc ? service().snapshot(uri, doc.version, doc.getText()) : undefined;
  };

  // Every request first lets a pending $/cancelRequest in, and is dropped if it was cancelled.
  connection.languages.diagnostics.on(
    guard('diagnostics', log, EMPTY_REPORT, async (params, token) => {
      if (await cancelledBeforeStart(token)) return requestCancelled();
      const uri = params.textDocument.uri;
      const version = documents.get(uri)?.version;
      const settings = await deps.settings(uri);
      // A newer version arrived while the settings were read: drop this one, the client asks again.
      if (token.isCancellationRequested) return requestCancelled();
      if (documents.get(uri)?.version !== version) return superseded();
      const file = snapshot(uri);
      if (!file) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      return { kind: DocumentDiagnosticReportKind.Full, items: service().diagnostics(file, settings) };
    }),
  );

  connection.onHover(
    guard('hover', log, null, async (params, token) => {
      if (await cancelledBeforeStart(token)) return requestCancelled();
      const file = snapshot(params.textDocument.uri);
      return file ? service().hover(file, params.position) : null;
    }),
  );

  connection.onCompletion(
    guard('completion', log, [], async (params, token) => {
      if (await cancelledBeforeStart(token)) return requestCancelled();
      const file = snapshot(params.textDocument.uri);
      return file ? service().completion(file, params.position) : [];
    }),
  );

  connection.onCodeAction(
    guard('codeAction', log, [], async (params, token) => {
      if (await cancelledBeforeStart(token)) return requestCancelled();
      return service().codeActions(params.textDocument.uri, params.context.diagnostics);
    }),
  );

  connection.languages.inlayHint.on(
    guard('inlayHint', log, [], async (params, token) => {
      if (await cancelledBeforeStart(token)) return requestCancelled();
      const file = snapshot(params.textDocument.uri);
      return file ? service().inlayHints(file, params.range) : [];
    }),
  );

  connection.onDocumentSymbol(
    guard('documentSymbol', log, [], async (params, token) => {
      if (await cancelledBeforeStart(token)) return requestCancelled();
      const file = snapshot(params.textDocument.uri);
      return file ? service().symbols(file) : [];
    }),
  );
}
