import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, type IstioSettings } from '../../../shared/src/protocol';
import { analyzeWorkspace } from '../../../server/src/service/workspace/analyze';
import { service } from '../helpers';

let counter = 0;

/** Analyzes inline files as one workspace; returns each file's diagnostics by its name. */
export function analyze(
  files: Record<string, string>,
  settings: IstioSettings = DEFAULT_SETTINGS,
): Record<string, Diagnostic[]> {
  const s = service();
  const base = `file:///ws${++counter}/`;
  const list = Object.entries(files).map(([name, text]) => ({ name, uri: base + name, text }));
  const result = analyzeWorkspace(s, list, settings);
  for (const f of list) {
    s.workspace.remove(f.uri);
    s.close(f.uri);
  }
  return Object.fromEntries(list.map((f) => [f.name, result.get(f.uri) ?? []]));
}

/** The diagnostics with one of the given codes, as [code, line, severity] triples. */
export function codes(ds: Diagnostic[], ...only: string[]): [string, number, number][] {
  return ds
    .filter((d) => only.includes(String(d.code)))
    .map((d): [string, number, number] => [String(d.code), d.range.start.line, d.severity ?? 0]);
}

/** Exactly one diagnostic with `code` on `line`, returned. */
export function one(ds: Diagnostic[], code: string, line: number): Diagnostic {
  const found = ds.filter((d) => d.code === code && d.range.start.line === line);
  assert.equal(
    found.length,
    1,
    `expected one ${code} on line ${line}: ${JSON.stringify(ds.map((d) => [d.code, d.range.start.line, d.message]))}`,
  );
  return found[0];
}

export const ERROR = 1;
export const WARNING = 2;
export const INFORMATION = 3;
export const HINT = 4;
