import type { Position } from 'vscode-languageserver-types';

/**
 * The LSP line model: a line ends at `\n`, at `\r\n`, or at a lone `\r`. Every conversion between
 * offsets and positions in the engine goes through this, so the engine and the editor agree on lines.
 * (U+2028 and U+2029 are not line ends in LSP, so they are not here either.)
 */
export const LINE_BREAK = /\r\n|\r|\n/;

/** Splits a text into its lines, without their line ends (the LSP line model). */
export function splitLines(text: string): string[] {
  return text.split(LINE_BREAK);
}

/** Offsets where each line starts (the first is 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Converts offsets in one text to zero-based line/character positions and back. */
export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    this.starts = lineStarts(text);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset between the \r and \n of one line end belongs at the end of that line's content.
    return { line: lo, character: Math.min(o, this.contentEnd(lo)) - this.starts[lo] };
  }

  offset(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    if (pos.line < 0) return 0;
    const lineStart = this.starts[pos.line];
    return Math.min(lineStart + Math.max(0, pos.character), this.contentEnd(pos.line));
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset of the end of a line's content, before its line end. */
  contentEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    const next = this.starts[line + 1];
    return next >= 2 && this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13
      ? next - 2
      : next - 1;
  }
}
