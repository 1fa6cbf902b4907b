import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IstioOperatorChecker, type OperatorCheck } from './features/istioOperatorCheck';
import { loadResourceSnippets, type ResourceSnippet } from './features/resourceStart';
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  Hover,
  InlayHint,
  Position,
  Range,
} from 'vscode-languageserver-types';
import { quickFixes } from './features/codeActions';
import { trafficSplitHints } from './features/trafficSplit';
import type { IstioSettings } from '../../../shared/src/protocol';
import { CelRuleCompiler } from './cel/rules';
import { BUILTIN_EXPLANATIONS } from './checks/explanations';
import { FieldDocs } from './docs/fieldDocs';
import { DocumentStore, type FileSnapshot } from './documentStore';
import { complete } from './features/completion';
import { documentFindings, fileDiagnostics } from './features/diagnostics';
import { hover } from './features/hover';
import { documentSymbols } from './features/symbols';
import { ALL_RULES } from './rules/index';
import { RuleSet } from './rules/runRules';
import type { Rule } from './rules/rule';
import { SchemaCatalog } from './schema/catalog';
import { createAjv } from './schema/compile';
import { ClusterSchemas } from './schema/clusterSchemas';
import type { ClusterView } from './cluster/types';
import { MeshChecks } from './cluster/mesh/diagnostics';
import { IST0170 } from './cluster/mesh/ist0170';
import type { MeshView } from './cluster/mesh/meshView';
import { Validator } from './validator';
import { WorkspaceEngine } from './workspace/engine';

export interface ServiceOptions {
  /** Folder holding index.json and the generated schemas (the repository's `schemas/`). */
  schemasDir: string;
  /** Folder with the field docs; defaults to `<schemasDir>/docs`. */
  docsDir?: string;
  /** Where internal errors go (the server's output channel, or stderr in the CLI). */
  log?: (message: string) => void;
  rules?: readonly Rule[];
}

/** Binary content (NUL bytes) gets no language features, only the diagnostic that says why. */
function isText(file: FileSnapshot): boolean {
  return !file.text.includes('\u0000');
}

/** The explanation of every diagnostic code (docs/rules.md, generated from the engine). */
const CODE_DOCS = 'https://github.com/istio-authoring/istio-authoring/blob/main/docs/rules.md';

/**
 * The engine: (document, settings) -> results. No transport code; the language server and the CLI
 * are thin shells around it, and tests call it directly.
 */
export class IstioService {
  readonly catalog: SchemaCatalog;
  readonly docs: FieldDocs;
  readonly cel = new CelRuleCompiler();
  readonly rules: readonly Rule[];
  private readonly validator: Validator;
  private readonly store = new DocumentStore();
  private readonly log: (message: string) => void;
  /** The workspace index, the resolver and the cross-resource checks. */
  readonly workspace: WorkspaceEngine;

  private readonly schemasDir: string;
  /** The connected cluster's CRD schemas; the bundled ones apply until it has them. */
  readonly clusterSchemas: ClusterSchemas;

  /** Mesh-wide checks (IST0170) over the clusters of `istio.cluster.contexts`. */
  readonly meshChecks = new MeshChecks();

  /** The clusters of the mesh, for mesh-wide checks (undefined: none). */
  useMesh(view: MeshView | undefined): void {
    this.meshChecks.use(view);
  }

  /** Validates with the CRDs of this cluster (undefined: the bundled schemas only). */
  useCluster(view: ClusterView | undefined): void {
    this.clusterSchemas.use(view);
  }

  constructor(options: ServiceOptions) {
    this.schemasDir = options.schemasDir;
    this.log = options.log ?? (() => undefined);
    this.catalog = new SchemaCatalog(options.schemasDir);
    this.docs = new FieldDocs(options.docsDir ?? join(options.schemasDir, 'docs'));
    this.rules = options.rules ?? ALL_RULES;
    const ajv = createAjv(this.cel);
    this.clusterSchemas = new ClusterSchemas(ajv);
    this.validator = new Validator(this.catalog, ajv, new RuleSet(this.rules), this.log, this.clusterSchemas);
    this.workspace = new WorkspaceEngine(this.log);
  }

  /**
   * Diagnostics of a file of the workspace: its own findings and the cross-resource findings shown
   * in it. The file's snapshot must have been given to `workspace.update` first.
   */
  workspaceDiagnostics(file: FileSnapshot, settings: IstioSettings): Diagnostic[] {
    const link = (c: string): string | undefined => this.codeLink(c);
    return this.fileDiagnostics(file, settings, [
      ...this.workspace.diagnostics(file.uri, settings, link),
      ...this.meshChecks.diagnostics(file, settings.workspace?.defaultNamespace ?? 'default', link),
    ]);
  }

  /** A file's own diagnostics merged with the given cross-resource ones (see workspace/analyze.ts). */
  fileDiagnostics(file: FileSnapshot, settings: IstioSettings, cross: readonly Diagnostic[]): Diagnostic[] {
    return fileDiagnostics(file, this.validator, settings, (code) => this.codeLink(code), cross);
  }

  get istioVersion(): string {
    return this.catalog.istioVersion;
  }

  /** The parsed form of a file version; unchanged documents are reused from the previous version. */
  snapshot(uri: string, version: number, text: string): FileSnapshot {
    return this.store.snapshot(uri, version, text);
  }

  diagnostics(file: FileSnapshot, settings: IstioSettings): Diagnostic[] {
    return fileDiagnostics(file, this.validator, settings, (code) => this.codeLink(code));
  }

  hover(file: FileSnapshot, position: Position): Hover | null {
    if (!isText(file)) return null;
    return hover(file, position, {
      catalog: this.catalog,
      docs: this.docs,
      cluster: this.clusterSchemas,
      findings: (state) => documentFindings(state, this.validator),
      explain: (code) => this.explain(code),
      codeLink: (code) => this.codeLink(code),
    });
  }

  completion(file: FileSnapshot, position: Position): CompletionItem[] {
    if (!isText(file)) return [];
    this.snippets ??= loadResourceSnippets(join(this.schemasDir, '..', 'snippets', 'istio.json'), this.log);
    return complete(file, position, { catalog: this.catalog, docs: this.docs, snippets: this.snippets });
  }

  /** Effective traffic shares of weighted VirtualService routes, as inlay hints. */
  inlayHints(file: FileSnapshot, range: Range): InlayHint[] {
    if (!isText(file)) return [];
    return trafficSplitHints(file, range);
  }

  /** Quick fixes: they travel with each diagnostic in its `data`. */
  codeActions(uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
    return quickFixes(uri, diagnostics);
  }

  symbols(file: FileSnapshot): DocumentSymbol[] {
    if (!isText(file)) return [];
    return documentSymbols(file);
  }

  /** Compiles a kind's schema ahead of use. */
  warm(group: string, version: string, kind: string): void {
    this.validator.validator(group, version, kind);
  }

  close(uri: string): void {
    this.store.close(uri);
  }

  explain(code: string): { title: string; explanation: string } | undefined {
    const rule = this.rules.find((r) => r.code === code) ?? this.workspace.rules.find((r) => r.code === code);
    if (rule) return { title: rule.title, explanation: rule.explanation };
    if (code === IST0170.code) return { title: IST0170.title, explanation: IST0170.explanation };
    return BUILTIN_EXPLANATIONS[code];
  }

  codeLink(code: string): string | undefined {
    return this.explain(code) ? `${CODE_DOCS}#${code.toLowerCase()}` : undefined;
  }

  private operatorChecker: IstioOperatorChecker | undefined;
  private snippets: ResourceSnippet[] | undefined;

  /** Checks an IstioOperator text before istioctl gets it (the Install and Generate Manifest commands). */
  checkIstioOperator(text: string): OperatorCheck {
    this.operatorChecker ??= new IstioOperatorChecker(
      JSON.parse(
        readFileSync(join(this.schemasDir, 'install.istio.io', 'v1alpha1', 'IstioOperator.json'), 'utf8'),
      ) as object,
    );
    return this.operatorChecker.check(text);
  }
}
