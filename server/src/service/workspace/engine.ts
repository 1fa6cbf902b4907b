/**
 * The workspace side of the engine: one index, one resolver over it (and over any other source such
 * as a ClusterView), and the cross-resource checks. No transport: the language server and the CLI
 * feed it file snapshots and read diagnostics back.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { DEFAULT_WORKSPACE_SETTINGS, type IstioSettings } from '../../../../shared/src/protocol';
import type { FileSnapshot } from '../documentStore';
import { WORKSPACE_RULES } from '../rules/workspace/index';
import type { CrossFinding, WorkspaceRule } from '../rules/workspace/rule';
import { CrossChecks, toCrossDiagnostic } from './crossChecks';
import { Resolver, type ResourceSource } from './resolver';
import { WorkspaceIndex } from './workspaceIndex';
import { definition, references } from './navigation';
import type { Location, Position } from 'vscode-languageserver-types';

export class WorkspaceEngine {
  readonly index = new WorkspaceIndex();
  readonly rules: readonly WorkspaceRule[];
  private readonly checks: CrossChecks;
  private readonly sources: ResourceSource[] = [];
  private resolverCache?: { key: string; resolver: Resolver };
  private meshText?: string;

  constructor(
    log: (message: string) => void = () => undefined,
    rules: readonly WorkspaceRule[] = WORKSPACE_RULES,
  ) {
    this.rules = rules;
    this.checks = new CrossChecks(rules, log);
  }

  /** Adds or replaces a file (an open document's snapshot overrides the file on disk). */
  update(file: FileSnapshot): boolean {
    return this.index.update(file);
  }

  remove(uri: string): void {
    this.index.remove(uri);
  }

  /** Another source of resources, such as a connected cluster. */
  addSource(source: ResourceSource): void {
    this.sources.push(source);
    this.resolverCache = undefined;
  }

  /** MeshConfig text from istio.mesh.configFile (undefined: use the istio ConfigMap, or defaults). */
  setMeshConfig(text: string | undefined): void {
    this.meshText = text;
    this.resolverCache = undefined;
  }

  resolver(settings: IstioSettings): Resolver {
    const ws = settings.workspace ?? DEFAULT_WORKSPACE_SETTINGS.workspace;
    const mesh = settings.mesh ?? DEFAULT_WORKSPACE_SETTINGS.mesh;
    this.index.setDefaultNamespace(ws.defaultNamespace || 'default');
    const key = `${mesh.clusterDomain}|${this.meshText ?? ''}`;
    if (this.resolverCache?.key !== key) {
      this.resolverCache = {
        key,
        resolver: new Resolver(
          this.index,
          { clusterDomain: mesh.clusterDomain, meshText: this.meshText },
          this.sources,
        ),
      };
    }
    return this.resolverCache.resolver;
  }

  /** Every cross-resource finding, by the URI it is shown in (cached by what each rule read). */
  findings(settings: IstioSettings): Map<string, CrossFinding[]> {
    const resolver = this.resolver(settings);
    return this.checks.findings(this.index, resolver, this.resolverCache?.key ?? '');
  }

  /** The cross-resource diagnostics shown in one file. */
  diagnostics(
    uri: string,
    settings: IstioSettings,
    codeLink: (code: string) => string | undefined,
  ): Diagnostic[] {
    const unresolved = (settings.references ?? DEFAULT_WORKSPACE_SETTINGS.references).unresolved;
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const f of this.findings(settings).get(uri) ?? []) {
      const d = toCrossDiagnostic(f, unresolved, codeLink);
      if (!d) continue;
      const key = `${String(d.code)}|${d.range.start.line}:${d.range.start.character}|${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(d);
    }
    return out;
  }

  /** URIs that have cross-resource findings now. */
  urisWithFindings(settings: IstioSettings): string[] {
    return [...this.findings(settings).keys()];
  }

  /** Go to definition across files (subset, gateway, host). */
  definition(file: FileSnapshot, position: Position, settings: IstioSettings): Location[] {
    return definition(this.index, this.resolver(settings), file, position);
  }

  /** Find references across files (DestinationRule subset, Gateway, Service). */
  references(file: FileSnapshot, position: Position, settings: IstioSettings): Location[] {
    return references(this.index, this.resolver(settings), file, position);
  }
}
