import type { Diagnostic } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE } from '../../../../../shared/src/protocol';
import type { FileSnapshot } from '../../documentStore';
import { findPair, rangeOf } from '../../yaml/nodes';
import { inconsistentServices, type MeshFinding } from './ist0170';
import type { MeshView } from './meshView';

const SEVERITY = { error: 1, warning: 2, information: 3 } as const;

/**
 * Mesh-wide findings shown where the workspace declares the object: IST0170 on the name of a core
 * Service document with the same namespace and name. Findings are computed once per mesh revision.
 */
export class MeshChecks {
  private cached: { revision: string; byKey: Map<string, MeshFinding> } | undefined;

  constructor(private view: MeshView | undefined = undefined) {}

  use(view: MeshView | undefined): void {
    this.view = view;
    this.cached = undefined;
  }

  private findings(): Map<string, MeshFinding> {
    const view = this.view;
    if (!view || view.size < 2) return new Map();
    const revision = view.revision;
    if (this.cached?.revision !== revision) {
      const byKey = new Map<string, MeshFinding>();
      for (const f of inconsistentServices(view)) byKey.set(`${f.namespace}/${f.name}`, f);
      this.cached = { revision, byKey };
    }
    return this.cached.byKey;
  }

  diagnostics(
    file: FileSnapshot,
    defaultNamespace: string,
    codeLink?: (code: string) => string | undefined,
  ): Diagnostic[] {
    const byKey = this.findings();
    if (!byKey.size) return [];
    const out: Diagnostic[] = [];
    for (const { chunk, state } of file.documents) {
      const id = state.id;
      if (!id || id.group !== '' || id.kind !== 'Service' || !id.name) continue;
      const f = byKey.get(`${id.namespace ?? defaultNamespace}/${id.name}`);
      if (!f) continue;
      const metadata = findPair(state.parsed.doc.contents, 'metadata')?.value;
      const range = rangeOf(findPair(metadata, 'name')?.value as never);
      if (!range) continue;
      const start = state.parsed.lines.position(range.start);
      const end = state.parsed.lines.position(range.end);
      const href = codeLink?.(f.code);
      out.push({
        range: {
          start: { line: start.line + chunk.line, character: start.character },
          end: { line: end.line + chunk.line, character: end.character },
        },
        severity: SEVERITY[f.severity],
        source: DIAGNOSTIC_SOURCE,
        code: f.code,
        ...(href ? { codeDescription: { href } } : {}),
        message: f.message,
      });
    }
    return out;
  }
}
