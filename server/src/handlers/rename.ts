/**
 * Rename of a DestinationRule subset or a Gateway (service/workspace/rename.ts). A place that cannot
 * be renamed, or an invalid new name, is answered with an error whose message the editor shows.
 */
import { LSPErrorCodes, ResponseError, type ClientCapabilities } from 'vscode-languageserver/node';
import { prepareRename, rename } from '../service/workspace/rename';
import { cancelledBeforeStart, requestCancelled } from './cancellation';
import type { HandlerDeps } from './features';
import { guard } from './guard';

export function registerRename(deps: HandlerDeps): void {
  const { connection, documents, log } = deps;
  // The open document's text, else the file as the index read it from disk.
  const current = (uri: string) => {
    const s = deps.service;
    const doc = documents.get(uri);
    if (!doc) {
      const file = s.workspace.index.snapshot(uri);
      return file ? { s, file } : undefined;
    }
    const file = s.snapshot(uri, doc.version, doc.getText());
    s.workspace.update(file);
    return { s, file };
  };
  const refuse = (message: string): ResponseError<void> =>
    new ResponseError<void>(LSPErrorCodes.RequestFailed, message);

  connection.onPrepareRename(
    guard('prepareRename', log, null, async (params, token) => {
      if (await cancelledBeforeStart(token)) return requestCancelled();
      const here = current(params.textDocument.uri);
      if (!here) return null;
      const settings = await deps.settings(params.textDocument.uri);
      const r = prepareRename(
        here.s.workspace.index,
        here.s.workspace.resolver(settings),
        here.file,
        params.position,
      );
      return 'error' in r ? refuse(r.error) : r;
    }),
  );

  connection.onRenameRequest(
    guard('rename', log, null, async (params) => {
      const here = current(params.textDocument.uri);
      if (!here) return null;
      const settings = await deps.settings(params.textDocument.uri);
      const caps: ClientCapabilities | undefined = deps.clientCapabilities?.();
      const r = rename(
        here.s.workspace.index,
        here.s.workspace.resolver(settings),
        here.file,
        params.position,
        params.newName,
        {
          versionOf: (uri) => documents.get(uri)?.version ?? null,
          documentChanges: !!caps?.workspace?.workspaceEdit?.documentChanges,
        },
      );
      return 'error' in r ? refuse(r.error) : r;
    }),
  );
}
