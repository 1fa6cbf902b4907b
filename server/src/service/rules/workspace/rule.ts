import type { Severity } from '../../types';
import type { PathSegment } from '../../yaml/nodes';
import type { Anchor } from '../rule';
import type { Resolver } from '../../workspace/resolver';
import type { Resource } from '../../workspace/summary';

export interface RelatedPlace {
  resource: Resource;
  path: PathSegment[];
  message: string;
  on?: Anchor;
}

export interface CrossReportOptions {
  on?: Anchor;
  severity?: Severity;
  related?: RelatedPlace[];
  data?: Record<string, unknown>;
}

/** A cross-resource finding, placed on a field of a workspace resource. */
export interface CrossFinding {
  code: string;
  severity: Severity;
  message: string;
  subject: Resource;
  path: PathSegment[];
  on: Anchor;
  related: RelatedPlace[];
  /** A reference whose target cannot be seen: its severity comes from istio.references.unresolved. */
  unresolved?: boolean;
  data?: Record<string, unknown>;
}

export interface WorkspaceRuleContext {
  resolver: Resolver;
  /** The workspace resources of a kind (the subjects a rule reports on). */
  subjects(kind: string): readonly Resource[];
  /**
   * The subjects of a kind, for a loop whose body looks at one subject at a time: it reads other
   * resources only through the resolver, reports only on that subject, and carries nothing from one
   * subject to the next. A subject whose document is unchanged, and whose reads (Resolver.tracking)
   * have not changed since the last run, is skipped and keeps its findings: after an edit only the
   * dependents of what changed are checked again.
   */
  each(kind: string): Iterable<Resource>;
  report(subject: Resource, path: PathSegment[], message: string, options?: CrossReportOptions): void;
  /** A reference whose target is not in the workspace and cannot be checked without a cluster. */
  unresolved(subject: Resource, path: PathSegment[], what: string, related?: RelatedPlace[]): void;
}

/**
 * A check that reads several resources. One per file in rules/workspace/, listed in index.ts. It
 * declares the kinds it reads, so that its findings are recomputed only when one of them changes.
 */
export interface WorkspaceRule {
  /** Unique id of the rule (several rules can share an IST code). */
  id: string;
  /** Istio's IST code where the check is the same as an analyzer message, otherwise a slug. */
  code: string;
  severity: Severity;
  /** Kind keys (see kindKey) the rule reads. */
  reads: readonly string[];
  title: string;
  explanation: string;
  check(ctx: WorkspaceRuleContext): void;
}

/** The code of the quiet diagnostic for a reference whose target cannot be seen. */
export const UNRESOLVED_CODE = 'unresolved-reference';
