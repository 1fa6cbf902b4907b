import type { Position } from 'vscode-languageserver-types';

/** Converts offsets in one text to zero-based line/character positions and back. */
export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    this.starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
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
    return { line: lo, character: o - this.starts[lo] };
  }

  offset(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    if (pos.line < 0) return 0;
    const lineStart = this.starts[pos.line];
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.text.length + 1;
    return Math.min(lineStart + Math.max(0, pos.character), next - 1, this.text.length);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }
}
