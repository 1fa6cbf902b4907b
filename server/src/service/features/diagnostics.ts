import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import type { IstioSettings } from '../../../../shared/src/protocol';
import { DIAGNOSTIC_SOURCE } from '../../../../shared/src/protocol';
import type { DocumentState, FileSnapshot } from '../documentStore';
import { looksIstio } from '../resource';
import type { Finding, Severity } from '../types';
import type { Validator } from '../validator';
import { isIstioGroup } from '../validator';
import type { LineIndex } from '../yaml/lines';
import { applySuppressions } from './suppression';

/** What `Diagnostic.data` carries: the finding's data and its quick fixes in LSP positions. */
export interface DiagnosticData {
  fixes?: { title: string; preferred: boolean; edits: { range: Diagnostic['range']; newText: string }[] }[];
  [key: string]: unknown;
}

const SEVERITY: Record<Severity, 1 | 2 | 3 | 4> = { error: 1, warning: 2, information: 3, hint: 4 };

/** Links a diagnostic code to its explanation page in the project's docs. */
export type CodeLink = (code: string) => string | undefined;

/**
 * The diagnostics of one file version. Documents that did not change since the last version keep
 * their computed findings, so only edited documents are checked again.
 */
export function fileDiagnostics(
  file: FileSnapshot,
  validator: Validator,
  settings: IstioSettings,
  codeLink: CodeLink,
  /** Cross-resource diagnostics of this file, merged before suppressions and `ignore` apply. */
  extra: readonly Diagnostic[] = [],
): Diagnostic[] {
  if (!settings.validation.enable) return [];
  const limit = settings.validation.maxFileSizeMB * 1024 * 1024;
  if (file.text.length > limit) {
    const head = file.text.slice(0, 1 << 20);
    // Flow style too: `{apiVersion: networking.istio.io/v1, …}` or JSON.
    if (!looksIstio(head) && !/["']?apiVersion["']?\s*:\s*["']?[a-z.]*istio\.io\//.test(head)) return [];
    return [
      whole(
        'file-too-large',
        'information',
        `This file is ${(file.text.length / 1048576).toFixed(1)} MB, larger than istio.validation.maxFileSizeMB (${settings.validation.maxFileSizeMB} MB), so it was not validated. Raise the setting to validate it.`,
      ),
    ];
  }
  if (file.text.includes('\u0000')) {
    return [
      whole(
        'binary-content',
        'warning',
        'This file contains binary data (NUL bytes), so it is not YAML text and was not validated.',
      ),
    ];
  }
  const istioFile = file.documents.some(
    (d) => (d.state.id && isIstioGroup(d.state.id.group)) || looksIstio(d.chunk.text),
  );
  const ignore = new Set(settings.validation.ignore);
  if (!istioFile) {
    if (!extra.length) return [];
    return applySuppressions(file.text, [...extra]).filter((d) => !ignore.has(String(d.code)));
  }
  const out: Diagnostic[] = [];
  for (const { chunk, state } of file.documents) {
    for (const d of documentDiagnostics(state, file.uri, validator, codeLink))
      out.push(shift(d, chunk.line, file.uri));
  }
  out.push(...extra);
  return applySuppressions(file.text, out).filter((d) => !ignore.has(String(d.code)));
}

/** Findings of one document, computed once per distinct document text. */
export function documentFindings(state: DocumentState, validator: Validator): Finding[] {
  if (state.generation !== validator.generation) {
    // The schemas in use changed (a cluster connected, or its CRDs changed): check again.
    state.findings = state.diagnostics = undefined;
    state.generation = validator.generation;
  }
  state.findings ??= validator.check(state.parsed, state.id);
  return state.findings;
}

function documentDiagnostics(
  state: DocumentState,
  uri: string,
  validator: Validator,
  codeLink: CodeLink,
): Diagnostic[] {
  if (!state.diagnostics || state.generation !== validator.generation) {
    const findings = documentFindings(state, validator);
    // The line table is built only for a document that has something to place.
    state.diagnostics = findings.length
      ? findings.map((f) => toDiagnostic(f, state.parsed.lines, uri, codeLink))
      : [];
  }
  return state.diagnostics;
}

export function toDiagnostic(f: Finding, lines: LineIndex, uri: string, codeLink: CodeLink): Diagnostic {
  const href = codeLink(f.code);
  const d: Diagnostic = {
    range: { start: lines.position(f.range.start), end: lines.position(f.range.end) },
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.code,
    message: f.message,
  };
  if (href) d.codeDescription = { href };
  if (f.data || f.fixes?.length) {
    d.data = {
      ...f.data,
      fixes: f.fixes?.map((fix) => ({
        title: fix.title,
        preferred: fix.preferred ?? false,
        edits: fix.edits.map((e) => ({
          range: { start: lines.position(e.range.start), end: lines.position(e.range.end) },
          newText: e.newText,
        })),
      })),
    };
  }
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r): DiagnosticRelatedInformation => ({
      location: { uri, range: { start: lines.position(r.range.start), end: lines.position(r.range.end) } },
      message: r.message,
    }));
  }
  return d;
}

/** Moves a document-relative diagnostic to its place in the file. */
function shift(d: Diagnostic, line: number, uri: string): Diagnostic {
  if (line === 0) return d;
  const move = (r: Diagnostic['range']): Diagnostic['range'] => ({
    start: { line: r.start.line + line, character: r.start.character },
    end: { line: r.end.line + line, character: r.end.character },
  });
  const data = d.data as DiagnosticData | undefined;
  return {
    ...d,
    data: data?.fixes
      ? {
          ...data,
          fixes: data.fixes.map((f) => ({
            ...f,
            edits: f.edits.map((e) => ({ ...e, range: move(e.range) })),
          })),
        }
      : data,
    range: move(d.range),
    relatedInformation: d.relatedInformation?.map((r) => ({
      ...r,
      location: { uri, range: move(r.location.range) },
    })),
  };
}

function whole(code: string, severity: Severity, message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    severity: SEVERITY[severity],
    source: DIAGNOSTIC_SOURCE,
    code,
    message,
  };
}
