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
  /** The validator generation the findings were computed with (see `Validator.generation`). */
  generation?: number;
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

  /** The snapshot of a file version; unchanged documents keep their parsed state and findings. */
  snapshot(uri: string, version: number, text: string): FileSnapshot {
    const previous = this.files.get(uri);
    if (previous && previous.snapshot.version === version && previous.snapshot.text === text) {
      return previous.snapshot;
    }
    const { documents, byText } = placeDocuments(text, previous?.byText);
    const snapshot = new Snapshot(uri, version, text, documents);
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

/**
 * Splits a version into documents, reusing the states of unchanged ones. Kept apart from the snapshot
 * it feeds so that nothing the snapshot holds (its methods' scope) can reach the previous version.
 */
function placeDocuments(
  text: string,
  previous: Map<string, DocumentState> | undefined,
): { documents: PlacedDocument[]; byText: Map<string, DocumentState> } {
  const byText = new Map<string, DocumentState>();
  const documents = splitDocuments(text).map((chunk) => {
    let state = byText.get(chunk.text) ?? previous?.get(chunk.text);
    if (!state) {
      // A chunk is a slice of this version's text; the state outlives the version, so it gets its own
      // copy (otherwise every reused document would pin the whole text of the version it came from).
      const own = detach(chunk.text);
      const parsed = parseChunk(own);
      state = { parsed, id: identify(parsed) };
    }
    byText.set(chunk.text, state);
    return { chunk, state };
  });
  return { documents, byText };
}

/**
 * A copy of a string that shares no memory with the string it was sliced from. Concatenating and
 * slicing again makes V8 flatten the text into a new buffer that only the copy uses (13 characters is
 * V8's minimum for a slice that points into its parent). Unlike a UTF-8 round trip, it keeps lone
 * surrogates, so offsets do not move.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

class Snapshot implements FileSnapshot {
  private lineIndex: LineIndex | undefined;

  constructor(
    readonly uri: string,
    readonly version: number,
    readonly text: string,
    readonly documents: PlacedDocument[],
  ) {}

  lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  documentAtLine(line: number): PlacedDocument | undefined {
    const documents = this.documents;
    let lo = 0;
    let hi = documents.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (documents[mid].chunk.line <= line) lo = mid;
      else hi = mid - 1;
    }
    return documents[lo];
  }
}
