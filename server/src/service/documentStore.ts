import type { Diagnostic } from 'vscode-languageserver-types';
import { identify, type ResourceId } from './resource';
import type { Finding } from './types';
import { LineIndex } from './yaml/lines';
import { parseChunk, type ParsedDocument } from './yaml/parse';
import { splitDocuments, type Chunk } from './yaml/split';

/** A parsed document with everything derived from it. Immutable once built; shared across versions. */
export interface DocumentState {
  parsed: ParsedDocument;
  id: ResourceId | undefined;
  /** Findings in chunk-relative offsets, computed on first use. */
  findings?: Finding[];
  /** The same findings as diagnostics with chunk-relative lines, computed on first use. */
  diagnostics?: Diagnostic[];
}

export interface PlacedDocument {
  chunk: Chunk;
  state: DocumentState;
}

/** One version of one file, split into documents. */
export interface FileSnapshot {
  uri: string;
  version: number;
  text: string;
  documents: PlacedDocument[];
  /** Line index of the whole file, built on first use. */
  lines(): LineIndex;
  /** The document that contains a zero-based line. */
  documentAtLine(line: number): PlacedDocument | undefined;
}

/**
 * Keeps the parsed documents of each open file. When a new version arrives, documents whose text did
 * not change are reused as they are (with their findings), so an edit to one document of a large file
 * reparses and rechecks only that document. Entries are dropped when the file closes.
 */
export class DocumentStore {
  private readonly files = new Map<string, { snapshot: FileSnapshot; byText: Map<string, DocumentState> }>();

  snapshot(uri: string, version: number, text: string): FileSnapshot {
    const previous = this.files.get(uri);
    if (previous && previous.snapshot.version === version && previous.snapshot.text === text) {
      return previous.snapshot;
    }
    const byText = new Map<string, DocumentState>();
    const documents = splitDocuments(text).map((chunk) => {
      let state = byText.get(chunk.text) ?? previous?.byText.get(chunk.text);
      if (!state) {
        const parsed = parseChunk(chunk.text);
        state = { parsed, id: identify(parsed) };
      }
      byText.set(chunk.text, state);
      return { chunk, state };
    });
    let lineIndex: LineIndex | undefined;
    const snapshot: FileSnapshot = {
      uri,
      version,
      text,
      documents,
      lines: () => (lineIndex ??= new LineIndex(text)),
      documentAtLine(line) {
        let lo = 0;
        let hi = documents.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (documents[mid].chunk.line <= line) lo = mid;
          else hi = mid - 1;
        }
        return documents[lo];
      },
    };
    this.files.set(uri, { snapshot, byText });
    return snapshot;
  }

  close(uri: string): void {
    this.files.delete(uri);
  }

  get size(): number {
    return this.files.size;
  }
}
