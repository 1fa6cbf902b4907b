/**
 * Runs the cross-resource rules over the workspace. A rule's findings are cached with the stamps of
 * the kinds it reads, so an edit re-runs only the rules that read the edited kinds. Within a rule
 * that loops with `ctx.each`, each subject's findings are cached with the stamps of what that subject
 * read (by kind and namespace), so a re-run checks only the subjects that depend on the edit.
 */
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE } from '../../../../shared/src/protocol';
import type { OffsetRange, Severity } from '../types';
import { quickRange, type ParsedDocument } from '../yaml/parse';
import { keyRange, locate, valueRange, type PathSegment } from '../yaml/nodes';
import type { Anchor } from '../rules/rule';
import {
  UNRESOLVED_CODE,
  type CrossFinding,
  type WorkspaceRule,
  type WorkspaceRuleContext,
} from '../rules/workspace/rule';
import type { Resolver } from './resolver';
import type { Resource } from './summary';
import { kindKey, type WorkspaceIndex } from './workspaceIndex';

const SEVERITY: Record<Severity, 1 | 2 | 3 | 4> = { error: 1, warning: 2, information: 3, hint: 4 };

/** How an unresolvable reference is shown: istio.references.unresolved. */
export type UnresolvedSeverity = Severity | 'off';

/** At most this many findings per rule, so a broken workspace cannot flood the Problems view. */
const MAX_FINDINGS_PER_RULE = 5000;

/** What a rule found for one subject of `ctx.each`, and what it read to find it. */
interface SubjectMemo {
  state: unknown;
  line: number;
  offset: number;
  namespace: string;
  reads: string[];
  stamps: number[];
  findings: CrossFinding[];
}

/** The per-subject memory of one rule: valid while the settings and other sources stay the same. */
interface RuleMemo {
  context: string;
  /** What the rule read outside its subjects (before, between or after its loops). */
  reads: string[];
  stamps: number[];
  subjects: Map<string, SubjectMemo>;
}

export class CrossChecks {
  private readonly cache = new Map<string, { stamp: string; findings: CrossFinding[] }>();
  private readonly memos = new Map<string, RuleMemo>();
  /** Rules that reported on another resource inside `each`: they run whole from then on. */
  private readonly entangled = new Set<string>();
  private byUri?: { key: string; map: Map<string, CrossFinding[]> };
  private last?: { resolver: Resolver; revision: string };

  constructor(
    readonly rules: readonly WorkspaceRule[],
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** The findings of every rule, grouped by the URI they are shown in. */
  findings(index: WorkspaceIndex, resolver: Resolver, settingsKey: string): Map<string, CrossFinding[]> {
    // Nothing at all changed since the last call (it is asked once per file of a workspace report).
    const revision = `${settingsKey}|${resolver.revision()}`;
    if (this.byUri && this.last?.resolver === resolver && this.last.revision === revision)
      return this.byUri.map;
    this.last = { resolver, revision };
    const stamps: string[] = [];
    let changed = false;
    const all: CrossFinding[][] = [];
    for (const rule of this.rules) {
      const stamp = `${settingsKey}|${resolver.stamp(rule.reads)}`;
      stamps.push(stamp);
      let entry = this.cache.get(rule.id);
      if (!entry || entry.stamp !== stamp) {
        entry = { stamp, findings: this.run(rule, index, resolver, settingsKey) };
        this.cache.set(rule.id, entry);
        changed = true;
      }
      all.push(entry.findings);
    }
    const key = stamps.join(';');
    if (!changed && this.byUri?.key === key) return this.byUri.map;
    const map = new Map<string, CrossFinding[]>();
    for (const list of all)
      for (const f of list) {
        const l = map.get(f.subject.uri);
        if (l) l.push(f);
        else map.set(f.subject.uri, [f]);
      }
    // A file whose findings are the same as before keeps the same list, so its report is not rebuilt.
    const previous = this.byUri?.map;
    if (previous)
      for (const [uri, list] of map) {
        const old = previous.get(uri);
        if (old && sameFindings(old, list)) map.set(uri, old);
      }
    this.byUri = { key, map };
    return map;
  }

  private run(
    rule: WorkspaceRule,
    index: WorkspaceIndex,
    resolver: Resolver,
    settingsKey: string,
  ): CrossFinding[] {
    const out: CrossFinding[] = [];
    const add = (f: CrossFinding): void => {
      if (f.subject.placed && out.length < MAX_FINDINGS_PER_RULE) out.push(f);
    };
    // The subject being checked inside `each`, which collects its findings and reads.
    let current: { subject: Resource; reads: Set<string>; findings: CrossFinding[] } | undefined;
    const push = (f: CrossFinding): void => {
      if (!current) return add(f);
      if (f.subject !== current.subject) tangled = true;
      current.findings.push(f);
    };
    const context = `${settingsKey}|${resolver.sourcesRevision()}`;
    // The index does not change during a run: each read's stamp is looked up once.
    const known = new Map<string, number>();
    const stampOf = (d: string): number => {
      let v = known.get(d);
      if (v === undefined) known.set(d, (v = index.depStamp(d)));
      return v;
    };
    const stampsOf = (reads: readonly string[]): number[] => reads.map(stampOf);
    const holds = (reads: readonly string[], stamps: readonly number[]): boolean =>
      reads.every((d, i) => stampOf(d) === stamps[i]);
    const incremental = !this.entangled.has(rule.id);
    const previous = this.memos.get(rule.id);
    const usable =
      incremental &&
      previous !== undefined &&
      previous.context === context &&
      holds(previous.reads, previous.stamps);
    const memo = usable ? previous.subjects : undefined;
    const subjects = new Map<string, SubjectMemo>();
    const outside = new Set<string>();
    let tangled = false;
    const each = function* (kind: string): Generator<Resource> {
      for (const subject of index.resources(kind)) {
        const placed = subject.placed;
        if (!placed) continue;
        const key = `${subject.uri}#${subject.doc}`;
        const m = memo?.get(key);
        if (
          m &&
          m.state === placed.state &&
          m.line === placed.chunk.line &&
          m.offset === placed.chunk.offset &&
          m.namespace === subject.namespace &&
          holds(m.reads, m.stamps)
        ) {
          m.findings = m.findings.map((f) => (f.subject === subject ? f : { ...f, subject }));
          subjects.set(key, m);
          for (const f of m.findings) add(f);
          continue;
        }
        current = { subject, reads: new Set(), findings: [] };
        resolver.tracking = current.reads;
        try {
          yield subject;
        } finally {
          resolver.tracking = outside;
          const reads = [...current.reads];
          subjects.set(key, {
            state: placed.state,
            line: placed.chunk.line,
            offset: placed.chunk.offset,
            namespace: subject.namespace,
            reads,
            stamps: stampsOf(reads),
            findings: current.findings,
          });
          for (const f of current.findings) add(f);
          current = undefined;
        }
      }
    };
    const ctx: WorkspaceRuleContext = {
      resolver,
      subjects: (kind) => {
        resolver.read(kind);
        return index.resources(kind);
      },
      each: incremental ? each : (kind) => index.resources(kind),
      report(subject, path, message, o = {}) {
        push({
          code: rule.code,
          severity: o.severity ?? rule.severity,
          message,
          subject,
          path,
          on: o.on ?? 'value',
          related: o.related ?? [],
          data: o.data,
        });
      },
      unresolved(subject, path, what, related = []) {
        push({
          code: UNRESOLVED_CODE,
          severity: 'information',
          message: unresolvedMessage(resolver, rule, subject, what),
          subject,
          path,
          on: 'value',
          related,
          unresolved: true,
        });
      },
    };
    let failed = false;
    resolver.tracking = incremental ? outside : undefined;
    try {
      rule.check(ctx);
    } catch (err) {
      failed = true;
      this.log(`workspace rule ${rule.id} failed: ${err instanceof Error ? err.stack : String(err)}`);
    } finally {
      resolver.tracking = undefined;
      current = undefined;
    }
    if (tangled) {
      // The rule's loop is not one subject at a time after all: forget what it kept and run it whole.
      this.log(
        `workspace rule ${rule.id} reports on other resources inside ctx.each; it is no longer cached per subject`,
      );
      this.entangled.add(rule.id);
      this.memos.delete(rule.id);
      return this.run(rule, index, resolver, settingsKey);
    }
    if (failed || !incremental) {
      this.memos.delete(rule.id);
      return out;
    }
    const reads = [...outside];
    this.memos.set(rule.id, { context, reads, stamps: stampsOf(reads), subjects });
    return out;
  }
}

/** "X is not in the workspace", and why it cannot be checked: no cluster, or which kinds it cannot read. */
function unresolvedMessage(resolver: Resolver, rule: WorkspaceRule, subject: Resource, what: string): string {
  if (!resolver.connected) return `${what} is not in the workspace; connect a cluster to check`;
  const own = kindKey(subject.group, subject.kind);
  const gaps = resolver.gaps(rule.reads.filter((k) => k !== own));
  return gaps.length
    ? `${what} is not in the workspace, and cannot be checked in the cluster: ${gaps.join('; ')}`
    : `${what} is not in the workspace, and cannot be checked in the cluster`;
}

/**
 * Two lists of findings that give the same diagnostics: the same checks on the same documents (the same
 * parsed document at the same place), fields and messages, in the same order.
 */
function sameFindings(a: readonly CrossFinding[], b: readonly CrossFinding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameFinding(a[i], b[i])) return false;
  return true;
}

const samePlace = (a: Resource, b: Resource): boolean =>
  a === b || (a.uri === b.uri && a.placed !== undefined && a.placed === b.placed);

const samePath = (a: readonly PathSegment[], b: readonly PathSegment[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

function sameFinding(a: CrossFinding, b: CrossFinding): boolean {
  return (
    a.code === b.code &&
    a.severity === b.severity &&
    a.message === b.message &&
    a.on === b.on &&
    a.unresolved === b.unresolved &&
    samePlace(a.subject, b.subject) &&
    samePath(a.path, b.path) &&
    JSON.stringify(a.data) === JSON.stringify(b.data) &&
    a.related.length === b.related.length &&
    a.related.every(
      (r, i) =>
        samePlace(r.resource, b.related[i].resource) &&
        samePath(r.path, b.related[i].path) &&
        r.message === b.related[i].message &&
        r.on === b.related[i].on,
    )
  );
}

/** The range of a path in a resource's document, in file coordinates. */
export function placeRange(
  r: Resource,
  path: readonly PathSegment[],
  on: Anchor,
): Diagnostic['range'] | undefined {
  const placed = r.placed;
  if (!placed) return undefined;
  const parsed = placed.state.parsed;
  const off = quickRange(parsed, path, on) ?? astRange(parsed, path, on);
  if (!off) return undefined;
  const s = parsed.lines.position(off.start);
  const e = parsed.lines.position(off.end);
  const line = placed.chunk.line;
  return {
    start: { line: s.line + line, character: s.character },
    end: { line: e.line + line, character: e.character },
  };
}

/** The range of a path, or of the nearest enclosing one that exists, from the document's AST. */
function astRange(parsed: ParsedDocument, path: readonly PathSegment[], on: Anchor): OffsetRange | undefined {
  const root = parsed.doc.contents;
  let loc = locate(root, path);
  for (let n = path.length - 1; !loc && n >= 0; n--) loc = locate(root, path.slice(0, n));
  if (!loc) return undefined;
  return on === 'key' ? (keyRange(loc.pair) ?? valueRange(loc)) : valueRange(loc);
}

/** A cross-resource finding as an LSP diagnostic; undefined when it is switched off. */
export function toCrossDiagnostic(
  f: CrossFinding,
  unresolved: UnresolvedSeverity,
  codeLink: (code: string) => string | undefined,
): Diagnostic | undefined {
  const severity = f.unresolved ? unresolved : f.severity;
  if (severity === 'off') return undefined;
  const range = placeRange(f.subject, f.path, f.on);
  if (!range) return undefined;
  const d: Diagnostic = {
    range,
    severity: SEVERITY[severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.code,
    message: f.message,
  };
  const href = codeLink(f.code);
  if (href) d.codeDescription = { href };
  if (f.data) d.data = f.data;
  const related = f.related.flatMap((r): DiagnosticRelatedInformation[] => {
    // A resource read from a cluster has no document: the note sits on the finding itself.
    const origin = r.resource.origin;
    if (!r.resource.placed && origin) {
      const message = r.message.includes(`(cluster ${origin.cluster})`)
        ? r.message
        : `${r.message} (cluster ${origin.cluster})`;
      return [{ location: { uri: f.subject.uri, range }, message }];
    }
    const rr = placeRange(r.resource, r.path, r.on ?? 'value');
    return rr ? [{ location: { uri: r.resource.uri, range: rr }, message: r.message }] : [];
  });
  if (related.length) d.relatedInformation = related;
  return d;
}
