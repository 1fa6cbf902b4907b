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
  /** Extra data (for example the did-you-mean replacement). */
  data?: Record<string, unknown>;
  /** Mechanical fixes, offered as quick fixes. */
  fixes?: Fix[];
}

/** A text edit in chunk-relative offsets. */
export interface OffsetEdit {
  range: OffsetRange;
  newText: string;
}

/** A quick fix: a title and the edits that make it. */
export interface Fix {
  title: string;
  edits: OffsetEdit[];
  /** The fix to apply with "Fix all" / auto-fix: the obviously right one. */
  preferred?: boolean;
}

export type Related = DiagnosticRelatedInformation;
