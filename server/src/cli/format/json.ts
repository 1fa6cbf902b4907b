import type { CliResult } from './result';

/** The JSON contract: an array of {file, range, severity, code, message}, 0-based positions, nothing else. */
export function formatJson(results: readonly CliResult[]): string {
  const plain = results.map(({ file, range, severity, code, message }) => ({
    file,
    range,
    severity,
    code,
    message,
  }));
  return JSON.stringify(plain, null, 2) + '\n';
}
