import type { CliResult } from './result';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `file:line:col: severity code message`, 1-based, one line per finding; the summary goes to stderr. */
export function formatText(
  results: readonly CliResult[],
  filesChecked: number,
): { stdout: string; stderr: string } {
  let stdout = '';
  for (const r of results) {
    stdout += `${r.file}:${r.range.start.line + 1}:${r.range.start.character + 1}: ${r.severity} ${r.code} ${r.message}\n`;
  }
  const errors = results.filter((r) => r.severity === 'error').length;
  const stderr = `${plural(filesChecked, 'file')} checked, ${plural(errors, 'error')}, ${plural(results.length - errors, 'other finding')}\n`;
  return { stdout, stderr };
}
