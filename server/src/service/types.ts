import type { Diagnostic, DiagnosticRelatedInformation, Range } from 'vscode-languageserver-types';

export type { Diagnostic, Range };

/** A document's position in its own `---` chunk: offsets are relative to the chunk's first character. */
export interface OffsetRange {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/**
 * A finding, in chunk-relative offsets. The engine converts it to line/character only when it leaves
 * (see `toLspDiagnostic`).
 */
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  range: OffsetRange;
  /** Other places that take part in the problem, for example the other side of a conflict. */
  related?: { range: OffsetRange; message: string }[];
  /** Extra data for quick fixes (for example the did-you-mean replacement). */
  data?: Record<string, unknown>;
}

export type Related = DiagnosticRelatedInformation;
