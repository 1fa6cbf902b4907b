import type { Diagnostic } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE } from '../../../../shared/src/protocol';
import { splitLines } from '../yaml/lines';

/** A suppression comment found in a file. */
interface Suppression {
  kind: 'next-line' | 'file';
  codes: string[];
  /** Where the comment is, for the "matches nothing" hint. */
  line: number;
  start: number;
  end: number;
  used: Set<string>;
}

const COMMENT = /#\s*istio-lint-(disable-next-line|disable)\b([^\n]*)/;

/** Reads `# istio-lint-disable-next-line CODE[,CODE]` and `# istio-lint-disable CODE[,CODE]` comments. */
export function findSuppressions(text: string): Suppression[] {
  const out: Suppression[] = [];
  if (!text.includes('istio-lint-disable')) return out;
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const m = COMMENT.exec(lines[i]);
    if (!m) continue;
    // Only real comments count: the # must start the line or follow white space.
    const hash = m.index;
    if (hash > 0 && !/\s/.test(lines[i][hash - 1])) continue;
    const codes = m[2]
      .split(/[,\s]+/)
      .map((c) => c.trim())
      .filter((c) => c && !c.startsWith('--'));
    out.push({
      kind: m[1] === 'disable' ? 'file' : 'next-line',
      codes,
      line: i,
      start: hash,
      end: lines[i].length,
      used: new Set(),
    });
  }
  return out;
}

/** Drops suppressed diagnostics and adds a hint for each suppression that matched nothing. */
export function applySuppressions(text: string, diagnostics: Diagnostic[]): Diagnostic[] {
  const suppressions = findSuppressions(text);
  if (!suppressions.length) return diagnostics;
  const fileWide = suppressions.filter((s) => s.kind === 'file');
  const byLine = new Map<number, Suppression[]>();
  for (const s of suppressions) {
    if (s.kind !== 'next-line') continue;
    const list = byLine.get(s.line + 1) ?? [];
    list.push(s);
    byLine.set(s.line + 1, list);
  }
  const kept = diagnostics.filter((d) => {
    const code = String(d.code ?? '');
    const matches = [...fileWide, ...(byLine.get(d.range.start.line) ?? [])].filter((s) =>
      s.codes.includes(code),
    );
    for (const s of matches) s.used.add(code);
    return matches.length === 0;
  });
  for (const s of suppressions) {
    const unused = s.codes.filter((c) => !s.used.has(c));
    if (s.codes.length && !unused.length) continue;
    kept.push({
      range: { start: { line: s.line, character: s.start }, end: { line: s.line, character: s.end } },
      severity: 4,
      source: DIAGNOSTIC_SOURCE,
      code: 'unused-suppression',
      message: s.codes.length
        ? `This suppression matches nothing: no ${unused.join(', ')} diagnostic ${s.kind === 'file' ? 'in this file' : 'on the next line'}. Remove it, or fix the code name.`
        : 'This suppression names no diagnostic code. Write the codes to silence, for example "# istio-lint-disable-next-line IST0131".',
      tags: [1],
    });
  }
  return kept;
}
