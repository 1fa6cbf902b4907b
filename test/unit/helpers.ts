import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { CompletionItem, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, type IstioSettings } from '../../shared/src/protocol';
import { IstioService } from '../../server/src/service/index';
import type { DiagnosticData } from '../../server/src/service/features/diagnostics';

export const ROOT = join(__dirname, '..', '..');
export const SCHEMAS = join(ROOT, 'schemas');

let shared: IstioService | undefined;
/** One engine for the whole test file: schemas compile once, as in the server. */
export function service(): IstioService {
  shared ??= new IstioService({
    schemasDir: SCHEMAS,
    log: (m) => assert.fail(`engine logged an error: ${m}`),
  });
  return shared;
}

let counter = 0;

/** Diagnostics of an inline YAML text. */
export function diagnose(text: string, settings: IstioSettings = DEFAULT_SETTINGS): Diagnostic[] {
  const s = service();
  const uri = `file:///test/${++counter}.yaml`;
  const result = s.diagnostics(s.snapshot(uri, 1, text), settings);
  s.close(uri);
  return result;
}

/** Splits `text` at the cursor marker `|` and returns the text without it and the cursor position. */
export function withCursor(marked: string): { text: string; position: Position } {
  const at = marked.indexOf('|');
  assert.ok(at >= 0, 'the text needs a | cursor marker');
  const text = marked.slice(0, at) + marked.slice(at + 1);
  const before = marked.slice(0, at).split('\n');
  return { text, position: { line: before.length - 1, character: before[before.length - 1].length } };
}

export function hoverAt(marked: string): Hover | null {
  const { text, position } = withCursor(marked);
  const s = service();
  return s.hover(s.snapshot(`file:///test/${++counter}.yaml`, 1, text), position);
}

export function hoverText(marked: string): string {
  const h = hoverAt(marked);
  const c = h?.contents;
  return c && typeof c === 'object' && 'value' in c ? c.value : '';
}

export function completeAt(marked: string): CompletionItem[] {
  const { text, position } = withCursor(marked);
  const s = service();
  return s.completion(s.snapshot(`file:///test/${++counter}.yaml`, 1, text), position);
}

/**
 * Asserts that exactly one diagnostic with `code` starts on the zero-based `line`, and returns it.
 * With `text`, also checks the text the range covers.
 */
export function expectDiagnostic(
  diagnostics: Diagnostic[],
  code: string,
  line: number,
  source?: { text: string; covers: string },
): Diagnostic {
  const found = diagnostics.filter((d) => d.code === code && d.range.start.line === line);
  assert.equal(
    found.length,
    1,
    `expected one ${code} on line ${line}, got: ${JSON.stringify(diagnostics.map((d) => [d.code, d.range.start.line, d.message]))}`,
  );
  const d = found[0];
  assert.equal(d.source, 'istio');
  if (source) {
    const lines = source.text.split('\n');
    assert.equal(d.range.start.line, d.range.end.line, 'range should stay on one line');
    assert.equal(
      lines[d.range.start.line].slice(d.range.start.character, d.range.end.character),
      source.covers,
    );
  }
  return d;
}

/** Asserts that no diagnostic has any of `codes` (or none at all when no codes are given). */
export function expectNone(diagnostics: Diagnostic[], ...codes: string[]): void {
  const bad = codes.length ? diagnostics.filter((d) => codes.includes(String(d.code))) : diagnostics;
  assert.deepEqual(
    bad.map((d) => [d.code, d.range.start.line, d.message]),
    [],
    'expected no diagnostics',
  );
}

/** Applies LSP text edits to a text (edits must not overlap). */
export function applyEdits(text: string, edits: { range: Diagnostic['range']; newText: string }[]): string {
  const lines = text.split('\n');
  const offset = (p: Position): number =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted)
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

/** The quick fixes carried by a diagnostic. */
export function fixesOf(d: Diagnostic): NonNullable<DiagnosticData['fixes']> {
  return (d.data as DiagnosticData | undefined)?.fixes ?? [];
}

/**
 * Applies the quick fix titled `title` (or the first one) of the diagnostic `code` on `line`, validates
 * the result again, and returns the new text and its diagnostics.
 */
export function applyFix(
  text: string,
  code: string,
  line: number,
  title?: RegExp,
): { text: string; diagnostics: Diagnostic[] } {
  const d = expectDiagnostic(diagnose(text), code, line);
  const fixes = fixesOf(d);
  const fix = title ? fixes.find((f) => title.test(f.title)) : fixes[0];
  assert.ok(fix, `no fix ${String(title)} on ${code}: ${JSON.stringify(fixes.map((f) => f.title))}`);
  const fixed = applyEdits(text, fix.edits);
  return { text: fixed, diagnostics: diagnose(fixed) };
}
