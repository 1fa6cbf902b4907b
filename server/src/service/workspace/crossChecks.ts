/**
 * Runs the cross-resource rules over the workspace. A rule's findings are cached with the stamps of
 * the kinds it reads, so an edit re-runs only the rules that read the edited kinds.
 */
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE } from '../../../../shared/src/protocol';
import type { Severity } from '../types';
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

export class CrossChecks {
  private readonly cache = new Map<string, { stamp: string; findings: CrossFinding[] }>();
  private byUri?: { key: string; map: Map<string, CrossFinding[]> };

  constructor(
    readonly rules: readonly WorkspaceRule[],
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** The findings of every rule, grouped by the URI they are shown in. */
  findings(index: WorkspaceIndex, resolver: Resolver, settingsKey: string): Map<string, CrossFinding[]> {
    const stamps: string[] = [];
    let changed = false;
    const all: CrossFinding[][] = [];
    for (const rule of this.rules) {
      const stamp = `${settingsKey}|${resolver.stamp(rule.reads)}`;
      stamps.push(stamp);
      let entry = this.cache.get(rule.id);
      if (!entry || entry.stamp !== stamp) {
        entry = { stamp, findings: this.run(rule, index, resolver) };
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
    this.byUri = { key, map };
    return map;
  }

  private run(rule: WorkspaceRule, index: WorkspaceIndex, resolver: Resolver): CrossFinding[] {
    const out: CrossFinding[] = [];
    const push = (f: CrossFinding): void => {
      if (f.subject.placed && out.length < MAX_FINDINGS_PER_RULE) out.push(f);
    };
    const ctx: WorkspaceRuleContext = {
      resolver,
      subjects: (kind) => index.resources(kind),
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
    try {
      rule.check(ctx);
    } catch (err) {
      this.log(`workspace rule ${rule.id} failed: ${err instanceof Error ? err.stack : String(err)}`);
    }
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

/** The range of a path in a resource's document, in file coordinates. */
export function placeRange(
  r: Resource,
  path: readonly PathSegment[],
  on: Anchor,
): Diagnostic['range'] | undefined {
  const placed = r.placed;
  if (!placed) return undefined;
  const parsed = placed.state.parsed;
  const root = parsed.doc.contents;
  let loc = locate(root, path);
  for (let n = path.length - 1; !loc && n >= 0; n--) loc = locate(root, path.slice(0, n));
  if (!loc) return undefined;
  const off = on === 'key' ? (keyRange(loc.pair) ?? valueRange(loc)) : valueRange(loc);
  if (!off) return undefined;
  const s = parsed.lines.position(off.start);
  const e = parsed.lines.position(off.end);
  const line = placed.chunk.line;
  return {
    start: { line: s.line + line, character: s.character },
    end: { line: e.line + line, character: e.character },
  };
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
