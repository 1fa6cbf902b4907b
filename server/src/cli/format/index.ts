import { formatGithub } from './github';
import { formatJson } from './json';
import type { CliResult, FormatContext, Formatted } from './result';
import { formatSarif } from './sarif';
import { formatText } from './text';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export const isFormat = (v: string | undefined): v is Format =>
  (FORMATS as readonly string[]).includes(v ?? '');

/** Renders the (already sorted) results. Only the text format writes a summary, to stderr. */
export function formatResults(format: Format, results: readonly CliResult[], ctx: FormatContext): Formatted {
  switch (format) {
    case 'json':
      return { stdout: formatJson(results) };
    case 'sarif':
      return { stdout: formatSarif(results, ctx) };
    case 'github':
      return { stdout: formatGithub(results, ctx) };
    case 'text':
      return formatText(results, ctx.filesChecked);
  }
}

export type { CliResult, FormatContext } from './result';
