import type { ResourceId } from '../resource';
import type { FixBuilder } from '../fixes/edits';
import type { Finding, Fix, OffsetRange, Severity } from '../types';
import type { ParsedDocument } from '../yaml/parse';
import type { PathSegment } from '../yaml/nodes';

/** Where on a field a finding is shown. */
export type Anchor = 'key' | 'value';

export interface ReportOptions {
  /** Show the finding on the field's key (default) or on its value. */
  on?: Anchor;
  /** Overrides the rule's severity for this finding. */
  severity?: Severity;
  /** Other fields involved, for example the other side of a conflict. */
  related?: { path: PathSegment[]; message: string; on?: Anchor }[];
  /** Extra data about the finding. */
  data?: Record<string, unknown>;
  /** Quick fixes; build them with `ctx.fix` (see fixes/edits.ts). Undefined entries are ignored. */
  fixes?: (Fix | undefined)[];
}

/** What a semantic rule sees: one resource, as a plain value and as its AST. */
export interface RuleContext {
  resource: ResourceId;
  /** The whole resource as a plain value (`value.spec` is the spec). */
  value: Record<string, unknown>;
  parsed: ParsedDocument;
  /** Reports a problem at a path of the resource (for example ['spec', 'http', 0, 'redirect']). */
  report(path: PathSegment[], message: string, options?: ReportOptions): void;
  /** The range of a path, if it exists in the document. */
  rangeOf(path: PathSegment[], on?: Anchor): OffsetRange | undefined;
  /** Builds quick-fix edits: replaceValue, renameKey, removeField, insertField. */
  fix: FixBuilder;
}

/**
 * One of Istio's semantic checks. Each rule lives in its own file under rules/<kind>/ with its tests,
 * and is listed in rules/index.ts.
 */
export interface Rule {
  /** Stable code: Istio's IST code where the check matches an analyzer message, otherwise a slug. */
  code: string;
  severity: Severity;
  /** Kinds the rule applies to. */
  kinds: readonly string[];
  /** One line: what the rule checks. */
  title: string;
  /** Markdown: what is wrong, why Istio rejects it, how to fix it. Shown on hover over the diagnostic. */
  explanation: string;
  check(ctx: RuleContext): void;
}

export type { Finding };
