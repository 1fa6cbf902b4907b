import {
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  type CancellationToken,
  type DiagnosticServerCancellationData,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * Lets queued messages in first (a `$/cancelRequest` for this very request, a `didChange` that makes
 * it stale), then says whether the request was cancelled. The engine is synchronous, so this is
 * where a cancelled request is dropped before any work is done.
 */
export async function cancelledBeforeStart(token: CancellationToken | undefined): Promise<boolean> {
  // A timer first, so the event loop polls the connection once (reading a cancellation that arrived
  // while the engine was busy); then twice through the check phase, because the connection schedules
  // the handling of each queued message with setImmediate.
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  for (let i = 0; i < 2; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  return !!token?.isCancellationRequested;
}

/** The answer to a request cancelled by the client (LSP: RequestCancelled). */
export function requestCancelled(): ResponseError<never> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

/**
 * The answer to a request whose document changed while it waited: the result would describe a version
 * that no longer exists. The client asks again for the new version (LSP: ServerCancelled).
 */
export function superseded(): ResponseError<DiagnosticServerCancellationData> {
  return new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed; ask again', {
    retriggerRequest: true,
  });
}

/**
 * The text documents of the connection, refusing a `didChange` whose version is not newer than the
 * one held: an older edit arriving late must not replace newer text.
 */
export function versionedDocuments(log: (message: string) => void): TextDocuments<TextDocument> {
  return new TextDocuments<TextDocument>({
    create: TextDocument.create,
    update(document, changes, version) {
      if (version <= document.version) {
        log(
          `ignored a change of ${document.uri} to version ${version}: version ${document.version} is already open`,
        );
        return document;
      }
      return TextDocument.update(document, changes, version);
    },
  });
}
