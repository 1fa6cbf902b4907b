import { displayPath } from './paths';
import type { CliResult, CliSeverity, FormatContext } from './result';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`): the runner turns each line into an
 * annotation on the run and on the pull request's diff.
 */
const COMMAND: Record<CliSeverity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  information: 'notice',
  hint: 'notice',
};

/** The message after `::`: `%`, CR and LF are percent-encoded, as GitHub's toolkit does. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: as the message, and also `:` and `,`, which would end the value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotation(r: CliResult, base: string, title: string): string {
  const props: [string, string | number][] = [
    ['file', displayPath(r.file, base)],
    ['line', r.range.start.line + 1],
  ];
  // GitHub accepts columns only on a single-line annotation.
  const oneLine = r.range.start.line === r.range.end.line;
  if (oneLine) props.push(['col', r.range.start.character + 1]);
  props.push(['endLine', r.range.end.line + 1]);
  if (oneLine) props.push(['endColumn', r.range.end.character + 1]);
  props.push(['title', title]);
  const list = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${COMMAND[r.severity]} ${list}::${escapeData(r.message)}`;
}

export function formatGithub(results: readonly CliResult[], ctx: FormatContext): string {
  return results
    .map((r) => {
      const t = ctx.explain(r.code)?.title;
      return annotation(r, ctx.base, t ? `${r.code}: ${t}` : r.code) + '\n';
    })
    .join('');
}
