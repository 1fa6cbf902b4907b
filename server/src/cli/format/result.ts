import type { Range } from 'vscode-languageserver-types';

export const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;
export type CliSeverity = (typeof SEVERITIES)[number];

/** A place in a file: the file as the user named it (or as found under a folder they named). */
export interface CliLocation {
  file: string;
  range: Range;
}

/** One finding as the CLI reports it. `file`, `range`, `severity`, `code` and `message` are the JSON contract. */
export interface CliResult extends CliLocation {
  severity: CliSeverity;
  code: string;
  message: string;
  /** Other places involved (the diagnostic's relatedInformation). */
  related?: (CliLocation & { message: string })[];
  /** Where the code is explained (the diagnostic's codeDescription). */
  helpUri?: string;
}

/** What every output format gets besides the results. */
export interface FormatContext {
  /** Absolute folder that relative paths in SARIF and GitHub output are taken from (`--base`, or the cwd). */
  base: string;
  filesChecked: number;
  /** Whether some file could not be read (SARIF records it in its invocation). */
  ioFailure: boolean;
  /** Title of a code, for rule metadata and annotation titles. */
  explain: (code: string) => { title: string; explanation: string } | undefined;
  /** Where a code is documented (docs/rules.md), when a finding carries no link of its own. */
  codeLink: (code: string) => string | undefined;
}

/** A finished report: what goes to stdout and what goes to stderr. */
export interface Formatted {
  stdout: string;
  stderr?: string;
}
