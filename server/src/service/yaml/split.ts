import { lineStarts } from './lines';

/** One `---` separated document of a file, before parsing. */
export interface Chunk {
  /** The chunk's text, from its first character up to (not including) the next document marker. */
  text: string;
  /** Offset of the chunk's first character in the file. */
  offset: number;
  /** Zero-based line of the chunk's first character in the file (LSP line model: \n, \r\n, \r). */
  line: number;
}

/**
 * Splits a file into its documents at `---` markers in column 0. A marker line belongs to the chunk it
 * opens. In YAML a `---` at the start of a line always starts a document, even inside a block scalar,
 * so this split agrees with the parser while letting unchanged chunks be recognised by their text.
 * Lines end at `\n`, `\r\n` or a lone `\r`, as in YAML and LSP.
 */
export function splitDocuments(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  const starts = lineStarts(text);
  let start = 0;
  let startLine = 0;
  for (let line = 1; line < starts.length; line++) {
    const pos = starts[line];
    const lineEnd = line + 1 < starts.length ? starts[line + 1] : text.length;
    if (isMarker(text, pos, lineEnd)) {
      chunks.push({ text: text.slice(start, pos), offset: start, line: startLine });
      start = pos;
      startLine = line;
    }
  }
  chunks.push({ text: text.slice(start), offset: start, line: startLine });
  return chunks;
}

function isMarker(text: string, pos: number, lineEnd: number): boolean {
  if (text.charCodeAt(pos) !== 45 || !text.startsWith('---', pos)) return false;
  const after = pos + 3;
  if (after >= lineEnd) return true;
  const c = text.charCodeAt(after);
  return c === 32 || c === 9 || c === 13 || c === 10;
}
