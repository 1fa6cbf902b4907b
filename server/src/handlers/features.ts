import { type ClientCapabilities, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import { workspaceQuickFixes } from '../service/workspace/fixes/index';
import { registerRename } from './rename';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { IstioService } from '../service/index';
import type { FileSnapshot } from '../service/documentStore';
import type { IstioSettings } from '../../../shared/src/protocol';
import { cancelledBeforeStart, requestCancelled } from './cancellation';
import { guard } from './guard';
import { withReference } from '../service/features/hover';
import { indexCompletions } from '../service/workspace/completionSources';
import { referenceHover } from '../service/workspace/referenceHover';

export interface HandlerDeps {
  connection: Connection;
  /** The client's capabilities, from the initialize request. */
  clientCapabilities?: () => ClientCapabilities | undefined;
  documents: TextDocuments<TextDocument>;
  service: IstioService;
  settings: (uri: string) => Promise<IstioSettings>;
  log: (message: string) => void;
}

/** The workspace's part of an answer, or nothing when it fails: the rest of the answer still goes out. */
function orElse<T>(what: string, log: (message: string) => void, fallback: T, f: () => T): T {
  try {
    return f();
  } catch (err) {
    log(`${what} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return fallback;
  }
}

/** Registers the LSP features. Each handler finds the document, calls the engine, returns LSP types. */
export function registerFeatures(deps: HandlerDeps): void {
  const { connection, documents, log } = deps;
  // The engine is created during initialize, after registration: read it when a request arrives.
  const service = (): IstioService => deps.service;
  const snapshot = (uri: string): FileSnapshot | undefined => {
    const doc = documents.get(uri);
    return doc ? service().snapshot(uri, doc.version, doc.getText()) : undefined;
  };

  // Diagnostics (document and workspace pull) are answered by handlers/workspace.ts.

  connection.onHover(
    guard('hover', log, null, async (params, token) => {
      if (await cancelledBeforeStart(token)) return requestCancelled();
      const file = snapshot(params.textDocument.uri);
      if (!file) return null;
      const base = service().hover(file, params.position);
      // On a reference (subset, host, gateway, selector, principal): its target first.
      const ws = service().workspace;
      ws.update(file);
      const resolver = ws.resolver(await deps.settings(file.uri));
      const reference = orElse('reference hover', log, undefined, () =>
        referenceHover(ws.index, resolver, file, params.position),
      );
      return withReference(base, reference);
    }),
  );

  connection.onCompletion(
    guard('completion', log, [], async (params, token) => {
      if (await cancelledBeforeStart(token)) return requestCancelled();
      const file = snapshot(params.textDocument.uri);
      if (!file) return [];
      // Values from the workspace index first (subsets, hosts, ports, gateways, namespaces, labels,
      // principals), then the schema's completions, without repeating a label.
      const ws = service().workspace;
      ws.update(file);
      const resolver = ws.resolver(await deps.settings(file.uri));
      const fromIndex = orElse('index completion', log, { items: [], incomplete: false }, () =>
        indexCompletions(ws.index, resolver, file, params.position),
      );
      const labels = new Set(fromIndex.items.map((i) => i.label));
      const items = [
        ...fromIndex.items,
        ...service()
          .completion(file, params.position)
          .filter((i) => !labels.has(i.label)),
      ];
      return fromIndex.incomplete ? { isIncomplete: true, items } : items;
    }),
  );

  connection.onCodeAction(
    guard('codeAction', log, [], async (params, token) => {
      if (await cancelledBeforeStart(token)) return requestCancelled();
      const uri = params.textDocument.uri;
      const own = service().codeActions(uri, params.context.diagnostics);
      const only = params.context.only;
      if (only && !only.some((k) => k === 'quickfix' || 'quickfix'.startsWith(`${k}.`) || k === ''))
        return own;
      const file = snapshot(uri);
      if (!file) return own;
      service().workspace.update(file);
      const caps = deps.clientCapabilities?.()?.workspace?.workspaceEdit;
      const cross = workspaceQuickFixes(
        service().workspace,
        uri,
        params.context.diagnostics,
        await deps.settings(uri),
        {
          versionOf: (u) => documents.get(u)?.version ?? null,
          documentChanges: !!caps?.documentChanges,
          createFiles: !!caps?.documentChanges && !!caps.resourceOperations?.includes('create'),
        },
      );
      return [...own, ...cross];
    }),
  );

  connection.languages.inlayHint.on(
    guard('inlayHint', log, [], async (params, token) => {
      if (await cancelledBeforeStart(token)) return requestCancelled();
      const file = snapshot(params.textDocument.uri);
      return file ? service().inlayHints(file, params.range) : [];
    }),
  );

  registerRename(deps);

  connection.onDocumentSymbol(
    guard('documentSymbol', log, [], async (params, token) => {
      if (await cancelledBeforeStart(token)) return requestCancelled();
      const file = snapshot(params.textDocument.uri);
      return file ? service().symbols(file) : [];
    }),
  );
}
